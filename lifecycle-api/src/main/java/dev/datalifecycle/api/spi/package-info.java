/**
 * What a host plugs into the library: small interfaces, usable as lambdas. {@link
 * dev.datalifecycle.api.spi.Authorizer} decides who may plan, delete, restore and purge.
 */
package dev.datalifecycle.api.spi;
