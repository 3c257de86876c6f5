'use strict';
// Same API shape as keytar 7, storing nothing: callers see "no saved credential".
const none = async () => null;
module.exports = {
  getPassword: none,
  setPassword: async () => undefined,
  deletePassword: async () => false,
  findPassword: none,
  findCredentials: async () => [],
};
