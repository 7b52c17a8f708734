module.exports = (name) => "Hi " + name;
