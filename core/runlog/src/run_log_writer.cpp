// The run-log writer. The log is built in an in-memory HDF5 file (core driver)
// and its complete image replaces the file on disk at every layer end and, while
// events arrive, at an interval that grows with what a save costs
// (save_schedule_p.h), always whole: a sibling file renamed over it. A process
// killed at any moment leaves the last complete image: valid HDF5 that h5py and
// h5dump open, with every finished layer in it. (In-place writing can leave
// dangling metadata after a kill; SWMR leaves an "open for writing" flag that
// h5py refuses.)
#include "adaround/run_log.h"
#include "adaround/run_log_liveness.h"

#include "adaround/error.h"
#include "adaround/versions.h"
#include "adaround/file_io.h"
#include "h5_p.h"
#include "log_image_p.h"
#include "run_log_layout_p.h"
#include "run_log_samples_p.h"
#include "run_log_seal_p.h"
#include "run_log_series_p.h"
#include "save_schedule_p.h"
#include "sha256_p.h"

#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

namespace adaround {

using Clock = std::chrono::steady_clock;

struct RunLogWriter::Impl {
    std::string path;
    RunLogContext context;
    std::string error;
    h5::Handle file, layers, accuracy, progressLayers, progressRtn, progressAdaround;
    std::optional<LayerSeries> layer;
    std::vector<AccuracyPoint> progress;
    std::vector<SkippedFile> skippedCalib, skippedEval; // as RunStarted gave them
    size_t bins = 50;
    bool samplesFollowHistograms = false; // trajectory_samples > 0: no save between a histogram and its sample
    int layersDone = 0;
    bool broken = false; // an HDF5 call failed: the in-memory file is no longer trusted
    bool ended = false;
    std::vector<char> image;
    std::optional<SaveSchedule> schedule;
    std::optional<RunLogLock> lock; // held while the run may still write (run_log_liveness.h)
    RunLogSaveStats stats;

    Clock::time_point now() const { return context.clock ? context.clock() : Clock::now(); }
    void recordSave(Clock::time_point start, size_t bytes);

    // Runs BODY; a failure is kept for writeError() instead of reaching the
    // engine, and stops further HDF5 work on a file in an unknown state.
    template <class F>
    void attempt(F&& body) noexcept
    {
        if (broken)
            return;
        try {
            h5::Quiet quiet;
            body();
        } catch (const std::exception& e) {
            broken = true;
            keep(e.what());
        }
    }
    void keep(const std::string& what)
    {
        if (error.empty())
            error = path + ": " + what;
    }

    void create();
    void startLayer(const LayerStarted& e);
    void writePending();
    std::vector<char>& currentImage();
    void save(bool durable);
    void saveIfDue();
    void end(const char* status, const std::string& message);
};

void RunLogWriter::Impl::create()
{
    file = createInMemoryLog(path);
    const hid_t root = file.id();
    h5::setString(root, "schema", kRunLogSchema);
    RunLogInfo facts;
    facts.schemaVersion = kRunLogSchemaVersion;
    facts.status = "running";
    facts.startTime = utcNow();
    facts.application = context.application;
    facts.appVersion = appVersion();
    facts.torchVersion = torchVersion();
    facts.qtVersion = context.qtVersion;
    facts.hdf5Version = hdf5Version();
    facts.opencvVersion = opencvVersion();
    facts.threads = int(std::thread::hardware_concurrency());
    writeRootFacts(root, facts, 0);
    h5::setDouble(root, "seconds", 0);
    for (const char* g : {"config", "model", "data"})
        h5::createGroup(root, g);
    layers = h5::createGroup(root, "layers");
    accuracy = h5::createGroup(root, "accuracy");
    progressLayers = h5::createSeries(accuracy.id(), "layers_done", H5T_STD_I32LE, {}, 64);
    progressRtn = h5::createSeries(accuracy.id(), "rtn_top1", H5T_IEEE_F64LE, {}, 64);
    progressAdaround = h5::createSeries(accuracy.id(), "adaround_top1", H5T_IEEE_F64LE, {}, 64);
}

void RunLogWriter::Impl::startLayer(const LayerStarted& e)
{
    writePending();
    layer = startLayerSeries(layers.id(), e, bins);
}

void RunLogWriter::Impl::writePending()
{
    if (layer)
        appendPending(*layer);
    const hsize_t p = progress.size();
    std::vector<int32_t> done;
    for (const auto& a : progress)
        done.push_back(a.layersDone);
    h5::appendRows(progressLayers.id(), H5T_NATIVE_INT32, done.data(), p);
    h5::appendRows(progressRtn.id(), H5T_NATIVE_DOUBLE, doubles(progress, [](auto& a) { return a.rtnTop1; }).data(), p);
    h5::appendRows(progressAdaround.id(), H5T_NATIVE_DOUBLE,
                   doubles(progress, [](auto& a) { return a.adaroundTop1; }).data(), p);
    progress.clear();
}

std::vector<char>& RunLogWriter::Impl::currentImage()
{
    writePending();
    return sealedImage(file.id(), image, kRunLogSchemaVersion);
}

// Counts a save that started at START and schedules the next timed one.
void RunLogWriter::Impl::recordSave(Clock::time_point start, size_t bytes)
{
    const Clock::time_point end = now();
    const auto took = std::chrono::duration_cast<std::chrono::nanoseconds>(end - start);
    ++stats.saves;
    stats.saving += took;
    stats.longest = std::max(stats.longest, took);
    stats.bytes = bytes;
    schedule->saved(start, end);
}

void RunLogWriter::Impl::save(bool durable)
{
    attempt([&] {
        const Clock::time_point start = now();
        const std::vector<char>& bytes = currentImage();
        try {
            replaceFile(path, bytes.data(), bytes.size(), durable);
        } catch (const Error& e) {
            keep(e.what()); // the disk may recover (space freed): later saves try again
        }
        recordSave(start, bytes.size());
    });
}

void RunLogWriter::Impl::saveIfDue()
{
    if (schedule->due(now()))
        save(false);
}

void RunLogWriter::Impl::end(const char* status, const std::string& message)
{
    attempt([&] {
        const hid_t root = file.id();
        h5::setString(root, "status", status);
        h5::setString(root, "error", message);
        h5::setString(root, "end_time", utcNow());
        h5::setInt(root, "layers_done", layersDone);
    });
    save(true);
    ended = true;
    lock.reset(); // after the final save: the log no longer says "running"
}

RunLogWriter::RunLogWriter(const std::string& path, RunLogContext context) : d(std::make_unique<Impl>())
{
    d->path = path;
    d->context = std::move(context);
    d->schedule.emplace(d->context.savePolicy);
    h5::Quiet quiet;
    if (std::filesystem::exists(path))
        throw Error(path + ": the file exists; a run log is never overwritten");
    try {
        d->lock.emplace(path); // before the log exists: a reader never sees it running without its lock
        const Clock::time_point start = d->now();
        d->create();
        const std::vector<char>& bytes = d->currentImage();
        writeNewFile(path, bytes.data(), bytes.size());
        d->recordSave(start, bytes.size());
    } catch (const Error& e) {
        d->lock.reset();
        const std::string what = e.what();
        throw Error(what.rfind(path, 0) == 0 ? what : path + ": cannot create the run log: " + what);
    }
}

RunLogWriter::~RunLogWriter()
{
    if (!d->ended)
        d->end("failed", "interrupted: the log was closed before the run ended");
}

const std::string& RunLogWriter::path() const { return d->path; }
const std::string& RunLogWriter::writeError() const { return d->error; }
const RunLogSaveStats& RunLogWriter::saveStats() const { return d->stats; }

void RunLogWriter::on(const RunStarted& e)
{
    d->attempt([&] {
        const hid_t root = d->file.id();
        d->bins = size_t(std::max(1, e.config.histogramBins));
        d->samplesFollowHistograms = e.config.trajectorySamples > 0;
        h5::setUInt64(root, "seed", e.config.seed);
        writeConfig(h5::openGroup(root, "config").id(), e.config);

        const h5::Handle model = h5::openGroup(root, "model");
        std::error_code ec;
        const auto bytes = std::filesystem::file_size(e.config.modelPath, ec);
        writeModelFacts(model.id(), e.config.modelPath, ec ? -1 : int64_t(bytes),
                        ec ? "" : sha256File(e.config.modelPath));
        writeLayerTable(model.id(), e);
        writeFloatLayers(model.id(), e);

        const h5::Handle data = h5::openGroup(root, "data");
        h5::setString(data.id(), "calib_dir", e.config.calibDir);
        h5::setString(data.id(), "eval_dir", e.config.evalDir);
        h5::setInt(data.id(), "calib_images", e.calibImages, H5T_STD_I64LE);
        h5::setInt(data.id(), "eval_images", e.evalImages, H5T_STD_I64LE);
        h5::setString(data.id(), "preprocess", e.preprocess);
        h5::writeStrings(data.id(), "calib_files", e.calibFiles);
        writeSkippedFiles(data.id(), e);
        d->skippedCalib = e.skippedCalib;
        d->skippedEval = e.skippedEval;
        writeClassMapping(data.id(), e.classes);
        writeMemoryPlan(data.id(), e.memory);
        writeActivationGrids(root, e.activationGrids);
    });
    d->save(false);
}

void RunLogWriter::on(const LayerStarted& e)
{
    d->attempt([&] { d->startLayer(e); });
    d->saveIfDue();
}

void RunLogWriter::on(const IterationStats& e)
{
    if (d->layer && d->layer->index == e.layer)
        d->layer->stats.push_back(e);
    d->saveIfDue();
}

void RunLogWriter::on(const HistogramSnapshot& e)
{
    if (d->layer && d->layer->index == e.layer)
        d->layer->hists.push_back(e);
    // Saved with the weight sample that follows, so that sample_h keeps the
    // rows of histogram_iteration.
    if (!d->samplesFollowHistograms)
        d->saveIfDue();
}

void RunLogWriter::on(const WeightSample& e)
{
    if (d->layer && d->layer->index == e.layer)
        d->layer->samples.push_back(e);
    d->saveIfDue();
}

void RunLogWriter::on(const QuantizedLayer& e)
{
    d->attempt([&] {
        if (!d->layer || d->layer->index != e.layer)
            throw Error("weights of layer " + e.name + " outside that layer");
        const hid_t g = d->layer->group.id();
        const std::vector<hsize_t> shape(e.shape.begin(), e.shape.end());
        h5::writeArray(g, "codes", H5T_STD_U8LE, H5T_NATIVE_UINT8, shape, e.codes.data());
        if (!e.roundedUp.empty())
            h5::writeArray(g, "rounded_up", H5T_STD_U8LE, H5T_NATIVE_UINT8, shape, e.roundedUp.data());
        if (!e.fraction.empty())
            writeFraction(g, shape, e.fraction);
        h5::writeArray(g, "scale", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, {e.grid.scale.size()}, e.grid.scale.data());
        h5::writeArray(g, "zero_point", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, {e.grid.zeroPoint.size()},
                       e.grid.zeroPoint.data());
        h5::setFlag(g, "symmetric", e.grid.symmetric);
    });
}

void RunLogWriter::on(const LayerFinished& e)
{
    d->attempt([&] {
        if (!d->layer || d->layer->index != e.layer)
            throw Error("layer " + e.name + " finished without having started");
        const hid_t g = d->layer->group.id();
        for (const LayerMetric& metric : kLayerMetrics)
            h5::setDouble(g, metric.name, e.*metric.member);
        h5::setFlag(g, "kept_rtn", e.keptRtn);
        h5::setFlag(g, "optimised", e.optimised);
        h5::setString(g, "objective", toString(e.objective));
        h5::setFlag(g, "completed", true);
        h5::setInt(d->file.id(), "layers_done", ++d->layersDone);
    });
    d->save(true);
}

void RunLogWriter::on(const SubsetBaseline& e)
{
    d->attempt([&] {
        const hid_t a = d->accuracy.id();
        h5::setInt(a, "subset_images", e.fp32.count, H5T_STD_I64LE);
        for (const auto& [name, acc] : {std::pair<const char*, const Accuracy*>{"fp32", &e.fp32}, {"rtn", &e.rtn}}) {
            h5::setDouble(a, (std::string("subset_") + name + "_top1").c_str(), acc->top1);
            h5::setDouble(a, (std::string("subset_") + name + "_top5").c_str(), acc->top5);
        }
    });
    // Saved with the accuracy point at 0 layers, which follows at once.
}

void RunLogWriter::on(const AccuracyPoint& e)
{
    d->progress.push_back(e);
    d->save(false);
}

void RunLogWriter::on(const RunFinished& e)
{
    d->attempt([&] {
        const hid_t a = d->accuracy.id();
        for (const auto& [name, acc] : {std::pair<const char*, const Accuracy*>{"fp32", &e.fp32},
                                        {"rtn", &e.rtn},
                                        {"adaround", &e.adaround}}) {
            h5::setDouble(a, (std::string(name) + "_top1").c_str(), acc->top1);
            h5::setDouble(a, (std::string(name) + "_top5").c_str(), acc->top5);
        }
        h5::setInt(a, "eval_images", e.adaround.count, H5T_STD_I64LE);
        // The streamed evaluation's count and unreadable files complete /data.
        RunStarted seen;
        seen.skippedCalib = d->skippedCalib;
        seen.skippedEval = d->skippedEval;
        seen.skippedEval.insert(seen.skippedEval.end(), e.skippedEval.begin(), e.skippedEval.end());
        const h5::Handle data = h5::openGroup(d->file.id(), "data");
        h5::setInt(data.id(), "eval_images", e.fp32.count, H5T_STD_I64LE);
        writeSkippedFiles(data.id(), seen);
        h5::setDouble(d->file.id(), "seconds", e.seconds);
    });
    d->end("completed", "");
}

void RunLogWriter::on(const RunCancelled& e)
{
    d->layersDone = e.layersDone;
    d->end("cancelled", "");
}

void RunLogWriter::on(const RunFailed& e)
{
    d->end("failed", e.error);
}

} // namespace adaround
