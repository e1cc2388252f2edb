/**
 * What a host or a framework module plugs into the library: small interfaces, usable as lambdas.
 * {@link dev.datalifecycle.api.spi.Authorizer} decides who may plan, delete, restore and purge;
 * {@link dev.datalifecycle.api.spi.TransactionSource} gives an entry point its own transactions (each
 * a {@link dev.datalifecycle.api.HostTransaction}, the seam through which an operation learns how its
 * transaction ended); {@link dev.datalifecycle.api.spi.ActorResolver} says who acts where no actor is
 * passed.
 */
package dev.datalifecycle.api.spi;
