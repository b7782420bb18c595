#pragma once
// Test helpers that read or change a run log the way a user's tools would.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <fstream>
#include <sstream>
#include <string>

namespace testsupport {

// The whole file, as bytes.
inline std::string readFileBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Edits the HDF5 file at PATH with the plain HDF5 API (as h5py would, or a
// damaged or foreign file would look).
template <class F>
void editLog(const std::string& path, F edit)
{
    const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    edit(f);
    H5Fclose(f);
}

} // namespace testsupport
