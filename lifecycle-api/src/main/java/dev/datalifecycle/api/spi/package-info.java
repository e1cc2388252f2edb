/**
 * What a host or a framework module plugs into the library: small interfaces, usable as lambdas.
 * {@link dev.datalifecycle.api.spi.Authorizer} decides who may plan, delete, restore and purge;
 * {@link dev.datalifecycle.api.spi.HostTransaction} is the transaction an operation runs in and the
 * seam through which it learns how that transaction ended.
 */
package dev.datalifecycle.api.spi;
