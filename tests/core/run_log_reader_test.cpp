// The run log without the engine: a synthetic run written by RunLogWriter and
// read back, logs cut short by cancellation or a vanished writer, the writer's
// own refusals, CSV export and the who-flipped data (damaged files the reader
// refuses: run_log_refusals_test.cpp). Torch-free, so CI also runs it under
// AddressSanitizer.
#include "adaround/error.h"
#include "adaround/run_log.h"
#include "adaround/run_log_csv.h"
#include "kind_trace.h"
#include "log_file_edits.h"
#include "record_equality.h"
#include "run_log_files.h"
#include "sha256_p.h"
#include "synthetic_run.h"
#include "test_support.h"

#include <hdf5.h>

#include <filesystem>

using namespace adaround;
using namespace testsupport;

TEST(Sha256, KnownVectors)
{
    EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(sha256Hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_F(RunLogFiles, ACompletedRunReadsBackAsWritten)
{
    const RunRecord written = syntheticRun(model);
    const std::string path = dir / "run.h5";
    writeLog(path, written);

    const RunLog log = readRunLog(path);
    expectSameRecord(log.record, written);
    EXPECT_EQ(log.info.path, path);
    EXPECT_EQ(log.info.schema, kRunLogSchema);
    EXPECT_EQ(log.info.schemaVersion, kRunLogSchemaVersion);
    EXPECT_EQ(log.info.status, "completed");
    EXPECT_EQ(log.info.error, "");
    EXPECT_EQ(log.info.application, "adaround-cli");
    EXPECT_FALSE(log.info.appVersion.empty());
    EXPECT_FALSE(log.info.torchVersion.empty());
    EXPECT_EQ(log.info.hdf5Version.substr(0, 2), "1.");
    EXPECT_FALSE(log.info.opencvVersion.empty());
    EXPECT_EQ(log.info.qtVersion, "");
    EXPECT_EQ(log.info.seed, 42u);
    EXPECT_GE(log.info.threads, 1);
    EXPECT_TRUE(std::regex_match(log.info.startTime, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
    EXPECT_GE(log.info.endTime, log.info.startTime);
    EXPECT_EQ(log.info.modelPath, model);
    EXPECT_EQ(log.info.modelBytes, 3);
    EXPECT_EQ(log.info.modelSha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(log.info.configJson, configToJson(written.started.config));
}

TEST_F(RunLogFiles, ReplayOfAReadLogMatchesReplayOfTheRun)
{
    const RunRecord written = syntheticRun(model);
    writeLog(dir / "run.h5", written);
    RunRecorder fromLog, fromRun;
    replay(readRunLog(dir / "run.h5").record, fromLog);
    replay(written, fromRun);
    expectSameRecord(fromLog.record(), fromRun.record());
}

TEST_F(RunLogFiles, ACancelledRunKeepsItsCompletedLayersAndThePartialOne)
{
    RunRecord full = syntheticRun(model);
    RunRecord cut = full;
    // Cancelled inside the third layer: two finished, the third's first statistics.
    cut.layers.resize(2);
    cut.weights.resize(2);
    cut.progress.resize(2);
    cut.iterations.resize(13);
    cut.histograms.resize(4);
    cut.samples.resize(4); // each histogram's weight sample
    cut.finished.reset();
    cut.end = RunEnd::Cancelled;
    cut.layersDone = 2;
    writeLog(dir / "cancelled.h5", cut);

    const RunLog log = readRunLog(dir / "cancelled.h5");
    EXPECT_EQ(log.info.status, "cancelled");
    expectSameRecord(log.record, cut);
    EXPECT_EQ(log.record.layerStarts.size(), 3u);
    EXPECT_FALSE(log.record.finished.has_value());
}

TEST_F(RunLogFiles, TheFileOnDiskFollowsTheRun)
{
    const RunRecord run = syntheticRun(model);
    const std::string path = dir / "live.h5";
    std::chrono::steady_clock::time_point now{};
    RunLogContext context;
    context.clock = [&] { return now; };
    RunLogWriter writer(path, context);
    EXPECT_EQ(readRunLog(path).info.status, "running");

    writer.onEvent(run.started);
    writer.onEvent(run.layerStarts[0]);
    for (int i = 0; i < 10; ++i)
        writer.onEvent(run.iterations[size_t(i)]);
    writer.onEvent(run.weights[0]);
    writer.onEvent(run.layers[0]);
    // Saved at the layer end: the first layer is complete on disk.
    RunLog mid = readRunLog(path);
    EXPECT_EQ(mid.info.status, "running");
    EXPECT_FALSE(mid.record.end.has_value());
    ASSERT_EQ(mid.record.layers.size(), 1u);
    EXPECT_EQ(mid.record.iterations.size(), 10u);
    EXPECT_EQ(mid.record.weights[0].codes, run.weights[0].codes);

    // Within a layer, at the first event after the save policy's interval (the
    // floor here: by this clock the saves took no time).
    writer.onEvent(run.layerStarts[1]);
    writer.onEvent(run.progress[0]);
    const int saves = writer.saveStats().saves;
    now += context.savePolicy.floor - std::chrono::nanoseconds(1);
    writer.onEvent(HistogramSnapshot{1, 0, {1, 2, 3, 4, 5, 6, 7, 8}, 0.5});
    writer.onEvent(WeightSample{1, 0, {0, 5}, {0.25f, 0.75f}});
    EXPECT_EQ(writer.saveStats().saves, saves);
    now += std::chrono::nanoseconds(1);
    // A histogram is saved with its weight sample, never without it.
    writer.onEvent(HistogramSnapshot{1, 1, {1, 2, 3, 4, 5, 6, 7, 8}, 0.5});
    EXPECT_EQ(writer.saveStats().saves, saves);
    writer.onEvent(WeightSample{1, 1, {0, 5}, {0.0f, 1.0f}});
    EXPECT_EQ(writer.saveStats().saves, saves + 1);
    mid = readRunLog(path);
    ASSERT_EQ(mid.record.histograms.size(), 2u);
    ASSERT_EQ(mid.record.samples.size(), 2u);
    EXPECT_EQ(mid.record.samples[1].h, (std::vector<float>{0.0f, 1.0f}));
    EXPECT_EQ(mid.record.histograms[0].counts[7], 8);
    EXPECT_EQ(mid.record.layerStarts.size(), 2u);
    EXPECT_EQ(mid.record.progress.size(), 1u);
    EXPECT_EQ(writer.writeError(), "");
}

TEST_F(RunLogFiles, AWriterClosedBeforeTheEndMarksTheLogInterrupted)
{
    const RunRecord run = syntheticRun(model);
    {
        RunLogWriter writer(dir / "gone.h5");
        writer.onEvent(run.started);
        writer.onEvent(run.layerStarts[0]);
    }
    const RunLog log = readRunLog(dir / "gone.h5");
    EXPECT_EQ(log.info.status, "failed");
    EXPECT_NE(log.info.error.find("interrupted"), std::string::npos);
    EXPECT_EQ(log.record.end, RunEnd::Failed);
    EXPECT_FALSE(log.info.endTime.empty());
}

TEST_F(RunLogFiles, ARunThatFailedBeforeStartingHasOnlyItsError)
{
    {
        RunLogContext context;
        context.application = "adaround-workbench";
        context.qtVersion = "6.4.2";
        RunLogWriter writer(dir / "failed.h5", context);
        writer.onEvent(RunFailed{"model.pt: not a TorchScript archive"});
    }
    const RunLog log = readRunLog(dir / "failed.h5");
    EXPECT_EQ(log.info.status, "failed");
    EXPECT_EQ(log.info.error, "model.pt: not a TorchScript archive");
    EXPECT_EQ(log.info.application, "adaround-workbench");
    EXPECT_EQ(log.info.qtVersion, "6.4.2");
    EXPECT_FALSE(log.record.hasStarted);
    EXPECT_TRUE(log.record.layerStarts.empty());
}

// Cancelled while loading images: RunCancelled without RunStarted. The log says
// cancelled with no layers, and a replay (the workbench's Open Log) sends the end.
TEST_F(RunLogFiles, ARunCancelledBeforeItStartedIsACancelledLogWithoutLayers)
{
    {
        RunLogWriter writer(dir / "cancelled.h5");
        writer.onEvent(RunCancelled{0});
        EXPECT_EQ(writer.writeError(), "");
    }
    const RunLog log = readRunLog(dir / "cancelled.h5");
    EXPECT_EQ(log.info.status, "cancelled");
    EXPECT_EQ(log.info.error, "");
    EXPECT_FALSE(log.record.hasStarted);
    EXPECT_EQ(log.record.end, RunEnd::Cancelled);
    EXPECT_EQ(log.record.layersDone, 0);
    EXPECT_TRUE(log.record.layerStarts.empty());
    KindTrace t;
    replay(log.record, t);
    EXPECT_EQ(t.kinds, "C");
}

TEST_F(RunLogFiles, NeverOverwritesAFile)
{
    const std::string path = dir / "taken.h5";
    writeBytes(path, "someone else's data");
    EXPECT_ERROR_CONTAINS(RunLogWriter{path}, path, "exists", "never overwritten");
    EXPECT_EQ(readFileBytes(path), "someone else's data");

    writeLog(dir / "run.h5", syntheticRun(model));
    const std::string before = readFileBytes(dir / "run.h5");
    EXPECT_ERROR_CONTAINS(RunLogWriter(dir / "run.h5"), "exists");
    EXPECT_EQ(readFileBytes(dir / "run.h5"), before);
}

TEST_F(RunLogFiles, AFailingDiskIsReportedNotThrown)
{
    const RunRecord run = syntheticRun(model);
    std::filesystem::create_directories(dir / "gone");
    RunLogWriter writer(dir / "gone/run.h5");
    std::filesystem::remove_all(dir / "gone");
    EXPECT_NO_THROW(replay(run, writer));
    EXPECT_NE(writer.writeError().find("gone/run.h5"), std::string::npos) << writer.writeError();
    EXPECT_NE(writer.writeError().find("cannot create"), std::string::npos) << writer.writeError();
}

TEST_F(RunLogFiles, CannotCreateInAMissingFolder)
{
    EXPECT_ERROR_CONTAINS(RunLogWriter(dir / "no/such/folder/run.h5"), "no/such/folder/run.h5", "cannot create");
}

TEST_F(RunLogFiles, DefaultPathsAreFresh)
{
    const std::string first = defaultRunLogPath(dir.path());
    EXPECT_TRUE(std::regex_search(first, std::regex(R"(/run-\d{8}-\d{6}\.h5$)"))) << first;
    writeBytes(first, "x");
    const std::string second = defaultRunLogPath(dir.path());
    EXPECT_NE(second, first);
    EXPECT_FALSE(std::filesystem::exists(second));
}

TEST_F(RunLogFiles, ExportsOneCsvPerSeries)
{
    const RunRecord run = syntheticRun(model);
    writeLog(dir / "run.h5", run);
    const RunLog log = readRunLog(dir / "run.h5");
    const auto files = exportRunLogCsv(log, dir / "csv");
    ASSERT_EQ(files.size(), 5u);

    const std::string iterations = readFileBytes(dir / "csv/iterations.csv");
    EXPECT_EQ(iterations.substr(0, iterations.find('\n')),
              "layer_index,layer,iteration,rec_loss,round_loss,beta,total_loss");
    EXPECT_NE(iterations.find("\n3,fc,100,2.3125,0,7.5,2.3125\n"), std::string::npos)
        << iterations;
    EXPECT_EQ(std::count(iterations.begin(), iterations.end(), '\n'), 1 + 20);
    const std::string hist = readFileBytes(dir / "csv/histograms.csv");
    EXPECT_EQ(hist.substr(0, hist.find('\n')), "layer_index,layer,iteration,settled_share,bin_0,bin_1,bin_2,bin_3,bin_4,"
                                                 "bin_5,bin_6,bin_7");
    EXPECT_NE(hist.find("\n0,conv1,50,0.5,50,1,2,3,4,5,6,0\n"), std::string::npos) << hist;
    EXPECT_EQ(readFileBytes(dir / "csv/progress.csv"),
              "layers_done,rtn_top1,adaround_top1\n0,90.5,90.5\n1,81,82.5\n2,82,83.5\n3,83,84.5\n");
    const std::string layers = readFileBytes(dir / "csv/layers.csv");
    EXPECT_NE(layers.find("\n1,conv2,3,0,1,0,0.25,0,0,0,0,0,paper,2.5,0\n"), std::string::npos) << layers;
    const std::string accuracy = readFileBytes(dir / "csv/accuracy.csv");
    EXPECT_NE(accuracy.find("\nfp32,91.25,99.5,100\n"), std::string::npos) << accuracy;
    EXPECT_NE(accuracy.find("\nsubset_fp32,90.5,99.25,40\nsubset_rtn,60.25,90,40\n"), std::string::npos) << accuracy;

    EXPECT_ERROR_CONTAINS(exportRunLogCsv(log, dir / "csv"), "iterations.csv", "exists");
}

// Who flipped (issue 13): the fractions and weight samples read back; a log
// without them (an earlier version) reads with none; damaged ones are one clear error.
TEST_F(RunLogFiles, WhoFlippedDataReadsBackAndDamageIsNamed)
{
    const RunRecord run = syntheticRun(model);
    ASSERT_FALSE(run.samples.empty());
    const std::string good = dir / "flips.h5";
    writeLog(good, run);
    const RunLog log = readRunLog(good);
    ASSERT_EQ(log.record.samples.size(), run.samples.size());
    for (size_t i = 0; i < run.samples.size(); ++i) {
        EXPECT_EQ(log.record.samples[i].iteration, run.samples[i].iteration);
        EXPECT_EQ(log.record.samples[i].h, run.samples[i].h);
    }
    expectSameFractions(log.record.weights[0].fraction, run.weights[0].fraction, "conv1");

    // An earlier version's log: no fraction, no samples; it still reads.
    const std::string old = dir / "old.h5";
    writeLog(old, run);
    editLog(old, [](hid_t f) {
        for (const char* layer : {"000_conv1", "001_conv2", "003_fc"}) {
            for (const char* set : {"fraction", "sample_index", "sample_h"}) {
                const std::string object = std::string("/layers/") + layer + "/" + set;
                if (H5Lexists(f, object.c_str(), H5P_DEFAULT) > 0) {
                    ASSERT_GE(H5Ldelete(f, object.c_str(), H5P_DEFAULT), 0) << object;
                }
            }
        }
    });
    const RunLog older = readRunLog(old, {true});
    EXPECT_TRUE(older.record.samples.empty());
    for (const auto& w : older.record.weights)
        EXPECT_TRUE(w.fraction.empty()) << w.name;

    // Each damage, opened anyway (the checksum no longer matches): one line naming it.
    auto damaged = [&](const std::string& name, auto edit, const std::string& expected) {
        const std::string path = dir / (name + ".h5");
        writeLog(path, run);
        editLog(path, edit);
        EXPECT_ERROR_CONTAINS(readRunLog(path, {true}), path, "damaged run log", expected);
    };
    auto rewrite = [](hid_t f, const char* object, hid_t type, auto change) {
        const hid_t set = H5Dopen2(f, object, H5P_DEFAULT);
        const hid_t space = H5Dget_space(set);
        std::vector<typename decltype(change(nullptr))::value_type> values(size_t(H5Sget_simple_extent_npoints(space)));
        H5Dread(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
        change(&values);
        H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
        H5Sclose(space);
        H5Dclose(set);
    };
    damaged("sample-index-descending", [&](hid_t f) {
        rewrite(f, "/layers/000_conv1/sample_index", H5T_NATIVE_INT64, [](std::vector<int64_t>* v) {
            if (v)
                std::swap((*v)[0], (*v)[1]);
            return std::vector<int64_t>{};
        });
    }, "not ascending");
    damaged("sample-index-beyond", [&](hid_t f) {
        rewrite(f, "/layers/000_conv1/sample_index", H5T_NATIVE_INT64, [](std::vector<int64_t>* v) {
            if (v)
                v->back() = 1000000;
            return std::vector<int64_t>{};
        });
    }, "layer conv1 beyond its 36 weights");
    damaged("sample-rows", [&](hid_t f) {
        const hid_t set = H5Dopen2(f, "/layers/000_conv1/sample_h", H5P_DEFAULT);
        const hsize_t dims[2] = {9, 4};
        H5Dset_extent(set, dims);
        H5Dclose(set);
    }, "more rows than 'histogram_iteration'");
    damaged("sample-h-missing", [&](hid_t f) { H5Ldelete(f, "/layers/000_conv1/sample_h", H5P_DEFAULT); },
            "'sample_index' without 'sample_h'");
}
