#include "log_image_p.h"

#include "run_log_seal_p.h"

namespace adaround {

h5::Handle createInMemoryLog(const std::string& name)
{
    h5::Handle fapl(h5::check(H5Pcreate(H5P_FILE_ACCESS), "file access properties"));
    h5::check(H5Pset_fapl_core(fapl.id(), 1 << 20, 0), "in-memory file");
    // Chunk-index B-tree nodes sized for a few chunks per series, not HDF5's
    // default of 64: otherwise index nodes outweigh the data of a small run.
    h5::Handle fcpl(h5::check(H5Pcreate(H5P_FILE_CREATE), "file creation properties"));
    h5::check(H5Pset_istore_k(fcpl.id(), 4), "chunk index size");
    // Room for the integrity header (run_log_seal_p.h), which HDF5 tools skip.
    h5::check(H5Pset_userblock(fcpl.id(), kRunLogUserBlock), "user block");
    return h5::Handle(h5::check(H5Fcreate((name + " (in memory)").c_str(), H5F_ACC_TRUNC, fcpl.id(), fapl.id()),
                                "cannot create the HDF5 file"));
}

std::vector<char>& sealedImage(hid_t file, std::vector<char>& image, int schemaVersion)
{
    // H5Fget_file_image does not flush the metadata cache (HDF5 1.10): without
    // this the image can hold stale object headers.
    h5::check(H5Fflush(file, H5F_SCOPE_GLOBAL), "flushing the log");
    const ssize_t size = H5Fget_file_image(file, nullptr, 0);
    h5::check(herr_t(size < 0 ? -1 : 0), "file image");
    // HDF5's image leaves the user block out: the integrity header goes in front.
    image.resize(kRunLogUserBlock + size_t(size));
    h5::check(herr_t(H5Fget_file_image(file, image.data() + kRunLogUserBlock, size_t(size)) < 0 ? -1 : 0),
              "file image");
    sealRunLogImage(image.data(), image.size(), schemaVersion);
    return image;
}

} // namespace adaround
