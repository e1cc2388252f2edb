/**
 * The recycle bin: the library's tables and (as they land) soft delete, exact restore and permanent
 * delete. A newcomer looking for "restore" finds it here.
 */
package dev.datalifecycle.core.bin;
