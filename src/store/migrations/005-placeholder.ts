import type { Migration } from "./migration.js";

/**
 * TEMPORARY, to be dropped at merge: version 5 belongs to the manual console sessions migration written on
 * another branch. It exists here only so the labels migration can be number 6 while the versions stay
 * 1..n without gaps. It changes nothing.
 */
export const placeholder005: Migration = {
  version: 5,
  name: "placeholder-005",
  up() {},
};
