module.exports = { config() { return {}; } };
