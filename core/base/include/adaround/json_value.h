#pragma once
// A small JSON document model and parser, for configuration files.
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace adaround {

class JsonValue {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };

    JsonValue() = default;
    // Throws Error with the line and column of the first syntax error.
    static JsonValue parse(const std::string& text);

    Type type() const { return type_; }
    bool isNull() const { return type_ == Type::Null; }
    bool isNumber() const { return type_ == Type::Number; }
    bool isString() const { return type_ == Type::String; }
    bool isArray() const { return type_ == Type::Array; }
    bool isObject() const { return type_ == Type::Object; }

    // Typed access; throw Error naming WHAT if the type differs.
    bool asBool(const std::string& what) const;
    double asNumber(const std::string& what) const;
    int asInt(const std::string& what) const; // must be a whole number
    const std::string& asString(const std::string& what) const;
    const std::vector<JsonValue>& asArray(const std::string& what) const;
    const std::map<std::string, JsonValue>& asObject(const std::string& what) const;

private:
    friend class JsonParser;
    Type type_ = Type::Null;
    bool bool_ = false;
    double number_ = 0;
    std::string string_;
    std::vector<JsonValue> array_;
    std::map<std::string, JsonValue> object_;
};

} // namespace adaround
