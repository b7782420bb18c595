#include "h5_p.h"

#include "adaround/error.h"

#include <algorithm>

namespace adaround::h5 {
namespace {

constexpr size_t kMaxAttributeBytes = size_t(64) << 20; // the configuration's JSON is about 1 KiB

herr_t innermost(unsigned /*n*/, const H5E_error2_t* err, void* out)
{
    auto* text = static_cast<std::string*>(out);
    if (text->empty() && err->desc && *err->desc)
        *text = err->desc;
    return 0;
}

Handle stringType()
{
    Handle t(check(H5Tcopy(H5T_C_S1), "string type"));
    check(H5Tset_size(t.id(), H5T_VARIABLE), "string type");
    check(H5Tset_cset(t.id(), H5T_CSET_UTF8), "string type");
    return t;
}

Handle openAttr(hid_t obj, const char* name)
{
    if (!hasAttr(obj, name))
        throw Error(std::string("attribute '") + name + "' is missing");
    return Handle(check(H5Aopen(obj, name, H5P_DEFAULT), std::string("attribute '") + name + "'"));
}

void writeAttr(hid_t obj, const char* name, hid_t fileType, hid_t memType, const void* value)
{
    const std::string what = std::string("attribute '") + name + "'";
    Handle attr;
    if (hasAttr(obj, name)) {
        attr = Handle(check(H5Aopen(obj, name, H5P_DEFAULT), what));
    } else {
        Handle space(check(H5Screate(H5S_SCALAR), what));
        attr = Handle(check(H5Acreate2(obj, name, fileType, space.id(), H5P_DEFAULT, H5P_DEFAULT), what));
    }
    check(H5Awrite(attr.id(), memType, value), what);
}

template <class T>
T readAttr(hid_t obj, const char* name, hid_t memType)
{
    Handle attr = openAttr(obj, name);
    Handle type(check(H5Aget_type(attr.id()), name));
    const H5T_class_t cls = H5Tget_class(type.id());
    if (cls != H5T_INTEGER && cls != H5T_FLOAT)
        throw Error(std::string("attribute '") + name + "' is not a number");
    T value{};
    check(H5Aread(attr.id(), memType, &value), std::string("attribute '") + name + "'");
    return value;
}

Handle compressedChunks(const std::vector<hsize_t>& chunk, hid_t fileType)
{
    Handle plist(check(H5Pcreate(H5P_DATASET_CREATE), "dataset properties"));
    check(H5Pset_chunk(plist.id(), int(chunk.size()), chunk.data()), "chunking");
    if (H5Tget_size(fileType) > 1 && H5Tget_class(fileType) != H5T_STRING)
        check(H5Pset_shuffle(plist.id()), "shuffle filter");
    check(H5Pset_deflate(plist.id(), 4), "deflate filter");
    return plist;
}

// What a dataset may claim before a byte is allocated for it: at most
// kMaxDatasetBytes, and no more than its storage in the file (at most the file
// itself) can expand to. Deflate expands at most 1032-fold, and the run log's
// datasets are written whole, so a larger claim is an enlarged or damaged extent.
constexpr uint64_t kMaxDatasetBytes = uint64_t(1) << 30;
constexpr uint64_t kMaxExpansion = 1100;

void checkClaim(hid_t set, const std::string& name, uint64_t elements, uint64_t elementBytes)
{
    const uint64_t limit = kMaxDatasetBytes / std::max<uint64_t>(elementBytes, 1);
    if (elements > limit)
        throw Error("dataset '" + name + "' claims " + std::to_string(elements) + " elements of " +
                    std::to_string(elementBytes) + " bytes, more than a run log holds");
    const uint64_t bytes = elements * elementBytes;
    if (bytes == 0)
        return;
    uint64_t stored = H5Dget_storage_size(set);
    Handle file(H5Iget_file_id(set));
    hsize_t fileSize = 0;
    if (file && H5Fget_filesize(file.id(), &fileSize) >= 0)
        stored = std::min<uint64_t>(stored, fileSize);
    if (bytes > stored * kMaxExpansion + 4096)
        throw Error("dataset '" + name + "' claims " + std::to_string(bytes) + " bytes but has " +
                    std::to_string(stored) + " in the file (enlarged or damaged)");
}

uint64_t elementCount(const std::vector<hsize_t>& shape, const std::string& name)
{
    uint64_t n = 1;
    for (hsize_t d : shape) {
        if (d != 0 && n > kMaxDatasetBytes / d)
            throw Error("dataset '" + name + "' claims more elements than a run log holds");
        n *= d;
    }
    return n;
}

template <class T>
hid_t nativeType();
template <> hid_t nativeType<int32_t>() { return H5T_NATIVE_INT32; }
template <> hid_t nativeType<int64_t>() { return H5T_NATIVE_INT64; }
template <> hid_t nativeType<uint8_t>() { return H5T_NATIVE_UINT8; }
template <> hid_t nativeType<float>() { return H5T_NATIVE_FLOAT; }
template <> hid_t nativeType<double>() { return H5T_NATIVE_DOUBLE; }

} // namespace

Handle& Handle::operator=(Handle&& o) noexcept
{
    if (this != &o) {
        reset();
        id_ = o.id_;
        o.id_ = H5I_INVALID_HID;
    }
    return *this;
}

void Handle::reset()
{
    if (id_ >= 0)
        H5Idec_ref(id_);
    id_ = H5I_INVALID_HID;
}

Quiet::Quiet()
{
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Quiet::~Quiet()
{
    H5Eset_auto2(H5E_DEFAULT, func_, data_);
}

std::string lastError()
{
    std::string text;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &text);
    return text.empty() ? "HDF5 error" : text;
}

hid_t check(hid_t id, const std::string& what)
{
    if (id < 0)
        throw Error(what + ": " + lastError());
    return id;
}

void check(herr_t status, const std::string& what)
{
    if (status < 0)
        throw Error(what + ": " + lastError());
}

Handle createGroup(hid_t parent, const std::string& name)
{
    return Handle(check(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), "group " + name));
}

bool exists(hid_t parent, const std::string& name)
{
    return H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0;
}

void remove(hid_t parent, const std::string& name)
{
    if (exists(parent, name))
        check(H5Ldelete(parent, name.c_str(), H5P_DEFAULT), "removing " + name);
}

Handle openGroup(hid_t parent, const std::string& name)
{
    if (!exists(parent, name))
        throw Error("group '" + name + "' is missing");
    return Handle(check(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), "group '" + name + "'"));
}

void setString(hid_t obj, const char* name, const std::string& value)
{
    Handle type = stringType();
    const char* p = value.c_str();
    writeAttr(obj, name, type.id(), type.id(), &p);
}

void setInt(hid_t obj, const char* name, int64_t value, hid_t fileType)
{
    writeAttr(obj, name, fileType, H5T_NATIVE_INT64, &value);
}

void setUInt64(hid_t obj, const char* name, uint64_t value)
{
    writeAttr(obj, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, &value);
}

void setDouble(hid_t obj, const char* name, double value)
{
    writeAttr(obj, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

void setFlag(hid_t obj, const char* name, bool value)
{
    const uint8_t v = value ? 1 : 0;
    writeAttr(obj, name, H5T_STD_U8LE, H5T_NATIVE_UINT8, &v);
}

bool hasAttr(hid_t obj, const char* name)
{
    return H5Aexists(obj, name) > 0;
}

std::string getString(hid_t obj, const char* name)
{
    const std::string what = std::string("attribute '") + name + "'";
    Handle attr = openAttr(obj, name);
    Handle type(check(H5Aget_type(attr.id()), what));
    if (H5Tget_class(type.id()) != H5T_STRING)
        throw Error(what + " is not a string");
    if (H5Tis_variable_str(type.id()) > 0) {
        Handle mem = stringType();
        char* p = nullptr;
        check(H5Aread(attr.id(), mem.id(), &p), what);
        std::string value = p ? p : "";
        H5free_memory(p);
        return value;
    }
    const size_t size = H5Tget_size(type.id());
    if (size > kMaxAttributeBytes)
        throw Error(what + " claims " + std::to_string(size) + " bytes");
    std::string value(size, '\0');
    check(H5Aread(attr.id(), type.id(), value.data()), what);
    return value.substr(0, value.find('\0'));
}

int64_t getInt(hid_t obj, const char* name) { return readAttr<int64_t>(obj, name, H5T_NATIVE_INT64); }
uint64_t getUInt64(hid_t obj, const char* name) { return readAttr<uint64_t>(obj, name, H5T_NATIVE_UINT64); }
double getDouble(hid_t obj, const char* name) { return readAttr<double>(obj, name, H5T_NATIVE_DOUBLE); }
bool getFlag(hid_t obj, const char* name) { return readAttr<uint8_t>(obj, name, H5T_NATIVE_UINT8) != 0; }

Handle createSeries(hid_t group, const std::string& name, hid_t fileType, const std::vector<hsize_t>& rowShape,
                    hsize_t chunkRows)
{
    std::vector<hsize_t> dims{0}, maxDims{H5S_UNLIMITED}, chunk{chunkRows};
    for (hsize_t d : rowShape) {
        dims.push_back(d);
        maxDims.push_back(d);
        chunk.push_back(std::max<hsize_t>(d, 1));
    }
    Handle space(check(H5Screate_simple(int(dims.size()), dims.data(), maxDims.data()), "dataset " + name));
    Handle plist = compressedChunks(chunk, fileType);
    return Handle(check(H5Dcreate2(group, name.c_str(), fileType, space.id(), H5P_DEFAULT, plist.id(), H5P_DEFAULT),
                        "dataset " + name));
}

void appendRows(hid_t dataset, hid_t memType, const void* data, hsize_t rows)
{
    if (rows == 0)
        return;
    Handle space(check(H5Dget_space(dataset), "series"));
    std::vector<hsize_t> dims(size_t(H5Sget_simple_extent_ndims(space.id())));
    H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
    std::vector<hsize_t> start(dims.size(), 0), count = dims;
    start[0] = dims[0];
    count[0] = rows;
    dims[0] += rows;
    check(H5Dset_extent(dataset, dims.data()), "extending a series");
    Handle fileSpace(check(H5Dget_space(dataset), "series"));
    check(H5Sselect_hyperslab(fileSpace.id(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), "series");
    Handle memSpace(check(H5Screate_simple(int(count.size()), count.data(), nullptr), "series"));
    check(H5Dwrite(dataset, memType, memSpace.id(), fileSpace.id(), H5P_DEFAULT, data), "appending to a series");
}

void writeArray(hid_t group, const std::string& name, hid_t fileType, hid_t memType, const std::vector<hsize_t>& dims,
                const void* data)
{
    // Chunks of whole leading-dimension slices, about 1 MiB at most.
    size_t rowBytes = H5Tget_size(fileType);
    for (size_t i = 1; i < dims.size(); ++i)
        rowBytes *= size_t(dims[i]);
    std::vector<hsize_t> chunk = dims;
    chunk[0] = std::clamp<hsize_t>(hsize_t((size_t(1) << 20) / std::max<size_t>(rowBytes, 1)), 1, std::max<hsize_t>(dims[0], 1));
    for (hsize_t& c : chunk)
        c = std::max<hsize_t>(c, 1);
    Handle space(check(H5Screate_simple(int(dims.size()), dims.data(), nullptr), "dataset " + name));
    Handle plist = compressedChunks(chunk, fileType);
    Handle set(check(H5Dcreate2(group, name.c_str(), fileType, space.id(), H5P_DEFAULT, plist.id(), H5P_DEFAULT),
                     "dataset " + name));
    check(H5Dwrite(set.id(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "writing " + name);
}

void writeStrings(hid_t group, const std::string& name, const std::vector<std::string>& values)
{
    // Fixed-length: unlike variable-length strings (kept in the global heap,
    // which filters never touch) they are compressed with the dataset.
    size_t width = 1; // with the terminating null, which h5dump and h5py stop at
    for (const auto& v : values)
        width = std::max(width, v.size() + 1);
    Handle type(check(H5Tcopy(H5T_C_S1), "string type"));
    check(H5Tset_size(type.id(), width), "string type");
    check(H5Tset_strpad(type.id(), H5T_STR_NULLTERM), "string type");
    check(H5Tset_cset(type.id(), H5T_CSET_UTF8), "string type");
    std::string packed(values.size() * width, '\0');
    for (size_t i = 0; i < values.size(); ++i)
        packed.replace(i * width, values[i].size(), values[i]);
    const std::vector<hsize_t> dims{hsize_t(values.size())};
    const std::vector<hsize_t> chunk{std::clamp<hsize_t>(hsize_t((size_t(1) << 20) / width), 1,
                                                         std::max<hsize_t>(dims[0], 1))};
    Handle space(check(H5Screate_simple(1, dims.data(), nullptr), "dataset " + name));
    Handle plist = compressedChunks(chunk, type.id());
    Handle set(check(H5Dcreate2(group, name.c_str(), type.id(), space.id(), H5P_DEFAULT, plist.id(), H5P_DEFAULT),
                     "dataset " + name));
    if (!values.empty())
        check(H5Dwrite(set.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()), "writing " + name);
}

std::vector<hsize_t> shapeOf(hid_t group, const std::string& name)
{
    if (!exists(group, name))
        throw Error("dataset '" + name + "' is missing");
    Handle set(check(H5Dopen2(group, name.c_str(), H5P_DEFAULT), "dataset '" + name + "'"));
    Handle space(check(H5Dget_space(set.id()), name));
    const int rank = H5Sget_simple_extent_ndims(space.id());
    if (rank < 0)
        throw Error("dataset '" + name + "' has no simple shape");
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
    return dims;
}

template <class T>
std::vector<T> read(hid_t group, const std::string& name, std::vector<hsize_t>* dims)
{
    const std::vector<hsize_t> shape = shapeOf(group, name);
    const size_t n = size_t(elementCount(shape, name));
    Handle set(check(H5Dopen2(group, name.c_str(), H5P_DEFAULT), "dataset '" + name + "'"));
    Handle type(check(H5Dget_type(set.id()), name));
    const H5T_class_t cls = H5Tget_class(type.id());
    if (cls != H5T_INTEGER && cls != H5T_FLOAT)
        throw Error("dataset '" + name + "' is not numeric");
    checkClaim(set.id(), name, n, std::max<uint64_t>(sizeof(T), H5Tget_size(type.id())));
    std::vector<T> values(n);
    if (n > 0)
        check(H5Dread(set.id(), nativeType<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
              "reading '" + name + "'");
    if (dims)
        *dims = shape;
    return values;
}

template std::vector<int32_t> read<int32_t>(hid_t, const std::string&, std::vector<hsize_t>*);
template std::vector<int64_t> read<int64_t>(hid_t, const std::string&, std::vector<hsize_t>*);
template std::vector<uint8_t> read<uint8_t>(hid_t, const std::string&, std::vector<hsize_t>*);
template std::vector<float> read<float>(hid_t, const std::string&, std::vector<hsize_t>*);
template std::vector<double> read<double>(hid_t, const std::string&, std::vector<hsize_t>*);

std::vector<std::string> readStrings(hid_t group, const std::string& name)
{
    const std::vector<hsize_t> shape = shapeOf(group, name);
    Handle set(check(H5Dopen2(group, name.c_str(), H5P_DEFAULT), "dataset '" + name + "'"));
    Handle type(check(H5Dget_type(set.id()), name));
    if (shape.size() != 1 || H5Tget_class(type.id()) != H5T_STRING)
        throw Error("dataset '" + name + "' is not a list of strings");
    const size_t n = size_t(elementCount(shape, name));
    const bool variable = H5Tis_variable_str(type.id()) > 0;
    checkClaim(set.id(), name, n, variable ? sizeof(char*) + 1 : std::max<size_t>(H5Tget_size(type.id()), 1));
    std::vector<std::string> values;
    if (variable) {
        Handle mem = stringType();
        std::vector<char*> ptrs(n, nullptr);
        if (n > 0)
            check(H5Dread(set.id(), mem.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "reading '" + name + "'");
        for (char* p : ptrs) {
            values.emplace_back(p ? p : "");
            H5free_memory(p);
        }
        return values;
    }
    const size_t width = H5Tget_size(type.id());
    std::string packed(n * width, '\0');
    if (n > 0)
        check(H5Dread(set.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()), "reading '" + name + "'");
    for (size_t i = 0; i < n; ++i) {
        const std::string cell = packed.substr(i * width, width);
        values.push_back(cell.substr(0, cell.find('\0')));
    }
    return values;
}

} // namespace adaround::h5
