#pragma once
// A minimal streaming JSON writer (objects, arrays, strings, numbers, booleans).
#include <cstdint>
#include <string>
#include <vector>

namespace adaround {

class JsonWriter {
public:
    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(const std::string& name);
    JsonWriter& value(const std::string& s);
    JsonWriter& value(const char* s) { return value(std::string(s)); }
    JsonWriter& value(double d); // NaN and Inf become null
    JsonWriter& value(int64_t i);
    JsonWriter& value(int i) { return value(int64_t(i)); }
    JsonWriter& value(bool b);
    JsonWriter& null();
    JsonWriter& raw(const std::string& json); // an already-serialised value

    const std::string& str() const { return out_; }

    static std::string escape(const std::string& s);

private:
    void separate();
    std::string out_;
    std::vector<bool> hasItems_;
    bool afterKey_ = false;
};

} // namespace adaround
