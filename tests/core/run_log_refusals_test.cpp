// Every kind of damaged or foreign file the run-log reader must refuse with one
// clear message naming what is wrong: missing, text, empty, truncated, another
// HDF5 file, a newer schema, missing parts. Torch-free (ASan in CI).
#include "adaround/error.h"
#include "adaround/run_log.h"
#include "log_file_edits.h"
#include "run_log_files.h"

#include <hdf5.h>

#include <filesystem>

using namespace adaround;
using namespace testsupport;

TEST_F(RunLogFiles, RefusesMissingTextAndEmptyFiles)
{
    EXPECT_ERROR_CONTAINS(readRunLog(dir / "missing.h5"), "missing.h5", "no such file");
    writeBytes(dir / "notes.txt", "status: completed\nthis is not HDF5\n");
    EXPECT_ERROR_CONTAINS(readRunLog(dir / "notes.txt"), "notes.txt", "not an HDF5 file");
    writeBytes(dir / "empty.h5", "");
    EXPECT_ERROR_CONTAINS(readRunLog(dir / "empty.h5"), "empty.h5", "not an HDF5 file");
    EXPECT_ERROR_CONTAINS(readRunLog(dir.path()), "a folder");
}

TEST_F(RunLogFiles, RefusesTruncatedLogs)
{
    writeLog(dir / "run.h5", syntheticRun(model));
    const std::string bytes = readFileBytes(dir / "run.h5");
    std::vector<size_t> cuts{8, 64, 600, bytes.size() - 1};
    for (size_t k = 1; k < 20; ++k)
        cuts.push_back(bytes.size() * k / 20);
    for (size_t keep : cuts) {
        writeBytes(dir / "cut.h5", bytes.substr(0, keep));
        EXPECT_ERROR_CONTAINS(readRunLog(dir / "cut.h5"), "cut.h5", "truncated");
    }
}

TEST_F(RunLogFiles, RefusesAnHdf5FileThatIsNotARunLog)
{
    const std::string path = dir / "other.h5";
    const hid_t f = H5Fcreate(path.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    const hsize_t n = 4;
    const hid_t space = H5Screate_simple(1, &n, nullptr);
    const double values[4] = {1, 2, 3, 4};
    const hid_t set = H5Dcreate2(f, "measurements", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values);
    H5Dclose(set);
    H5Sclose(space);
    H5Fclose(f);
    EXPECT_ERROR_CONTAINS(readRunLog(path), "other.h5", "not an AdaRound run log");
}

TEST_F(RunLogFiles, RefusesANewerSchemaNamingBothVersions)
{
    const std::string path = dir / "future.h5";
    writeLog(path, syntheticRun(model));
    editLog(path, [](hid_t f) {
        const hid_t a = H5Aopen(f, "schema_version", H5P_DEFAULT);
        const int version = kRunLogSchemaVersion + 1;
        H5Awrite(a, H5T_NATIVE_INT, &version);
        H5Aclose(a);
    });
    EXPECT_ERROR_CONTAINS(readRunLog(path, {true}), "future.h5", "schema version " + std::to_string(kRunLogSchemaVersion + 1),
                          "up to version " + std::to_string(kRunLogSchemaVersion));
}

TEST_F(RunLogFiles, RefusesLogsWithMissingParts)
{
    const RunRecord run = syntheticRun(model);
    const std::vector<std::pair<std::string, std::string>> cuts = {
        {"/accuracy", "accuracy"}, {"/config", "config"}, {"/layers", "layers"},
        {"/model/layer_table", "layer_table"}, {"/layers/001_conv2/rec_loss", "rec_loss"},
        {"/layers/000_conv1/scale", "scale"}, {"/data/calib_files", "calib_files"}};
    for (const auto& [object, name] : cuts) {
        const std::string path = dir / ("cut-" + name + ".h5");
        writeLog(path, run);
        editLog(path, [&](hid_t f) { ASSERT_GE(H5Ldelete(f, object.c_str(), H5P_DEFAULT), 0) << object; });
        // Edited after it was written: its checksum no longer matches. Opened
        // anyway (in the sandbox), the missing part is named.
        EXPECT_ERROR_CONTAINS(readRunLog(path), path, "damaged run log");
        EXPECT_ERROR_CONTAINS(readRunLog(path, {true}), path, "damaged run log", "'" + name + "' is missing");
    }
    const std::string path = dir / "no-status.h5";
    writeLog(path, run);
    editLog(path, [](hid_t f) { H5Adelete(f, "status"); });
    EXPECT_ERROR_CONTAINS(readRunLog(path, {true}), "damaged run log", "attribute 'status' is missing");
}
