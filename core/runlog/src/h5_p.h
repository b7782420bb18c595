#pragma once
// A thin layer over the HDF5 C API for the run log: owned handles, typed
// attributes, extendable compressed datasets. Failures throw adaround::Error
// with HDF5's innermost message; HDF5's own stderr printing is switched off.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace adaround::h5 {

// Owns one HDF5 identifier of any kind.
class Handle {
public:
    Handle() = default;
    explicit Handle(hid_t id) : id_(id) {}
    ~Handle() { reset(); }
    Handle(Handle&& o) noexcept : id_(o.id_) { o.id_ = H5I_INVALID_HID; }
    Handle& operator=(Handle&& o) noexcept;
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    hid_t id() const { return id_; }
    explicit operator bool() const { return id_ >= 0; }
    void reset();

private:
    hid_t id_ = H5I_INVALID_HID;
};

// Keeps HDF5 from printing its error stack while alive.
class Quiet {
public:
    Quiet();
    ~Quiet();

private:
    H5E_auto2_t func_ = nullptr;
    void* data_ = nullptr;
};

// The innermost message of the current HDF5 error stack ("truncated file: ...").
std::string lastError();
// Throws Error("WHAT: <HDF5 message>") for a negative id or status.
hid_t check(hid_t id, const std::string& what);
void check(herr_t status, const std::string& what);

Handle createGroup(hid_t parent, const std::string& name);
Handle openGroup(hid_t parent, const std::string& name); // throws if missing
bool exists(hid_t parent, const std::string& name);
void remove(hid_t parent, const std::string& name); // a dataset or group, if there

// Attributes: created on first write, overwritten afterwards.
void setString(hid_t obj, const char* name, const std::string& value);
void setInt(hid_t obj, const char* name, int64_t value, hid_t fileType = H5T_STD_I32LE);
void setUInt64(hid_t obj, const char* name, uint64_t value);
void setDouble(hid_t obj, const char* name, double value);
void setFlag(hid_t obj, const char* name, bool value); // uint8 0/1

bool hasAttr(hid_t obj, const char* name);
std::string getString(hid_t obj, const char* name); // variable or fixed length
int64_t getInt(hid_t obj, const char* name);
uint64_t getUInt64(hid_t obj, const char* name);
double getDouble(hid_t obj, const char* name);
bool getFlag(hid_t obj, const char* name);

// A chunked, deflate-compressed dataset of rows shaped ROWSHAPE, growing along
// its first dimension from zero rows.
Handle createSeries(hid_t group, const std::string& name, hid_t fileType, const std::vector<hsize_t>& rowShape = {},
                    hsize_t chunkRows = 256);
// Appends ROWS rows of memory type MEMTYPE to a series.
void appendRows(hid_t dataset, hid_t memType, const void* data, hsize_t rows);
// A chunked, compressed dataset of fixed shape DIMS, written at once.
void writeArray(hid_t group, const std::string& name, hid_t fileType, hid_t memType, const std::vector<hsize_t>& dims,
                const void* data);
void writeStrings(hid_t group, const std::string& name, const std::vector<std::string>& values);

// Reads a whole dataset, converting to T's native type; DIMS receives its shape.
std::vector<hsize_t> shapeOf(hid_t group, const std::string& name);
template <class T>
std::vector<T> read(hid_t group, const std::string& name, std::vector<hsize_t>* dims = nullptr);
std::vector<std::string> readStrings(hid_t group, const std::string& name);

} // namespace adaround::h5
