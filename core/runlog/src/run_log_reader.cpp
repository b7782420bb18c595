// Parses the HDF5 of a run log, held in memory, into a RunRecord. Every failure
// becomes one Error that names the file and says what is wrong with it. Only
// verified bytes are parsed in a program's own process; anything else goes
// through the sandbox helper first (run_log_read_safely.cpp).
#include "run_log_parse_p.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/study_log.h"
#include "h5_p.h"
#include "run_log_layout_p.h"
#include "run_log_samples_p.h"

#include <algorithm>
#include <atomic>

namespace adaround {
namespace {

LayerKind parseKind(const std::string& s)
{
    if (s == "Conv2d")
        return LayerKind::Conv2d;
    if (s == "Linear")
        return LayerKind::Linear;
    throw Error("unknown layer kind '" + s + "'");
}

Activation parseActivation(const std::string& s)
{
    if (s == "ReLU")
        return Activation::ReLU;
    if (s == "ReLU6")
        return Activation::ReLU6;
    if (s == "none")
        return Activation::None;
    throw Error("unknown activation '" + s + "'");
}

std::vector<int64_t> row(const std::vector<int64_t>& table, size_t i, size_t width, size_t take)
{
    return std::vector<int64_t>(table.begin() + long(i * width), table.begin() + long(i * width + take));
}

std::vector<LayerInfo> readLayerTable(hid_t model, std::vector<int>& bits, std::vector<bool>& optimised)
{
    const h5::Handle t = h5::openGroup(model, "layer_table");
    const hid_t g = t.id();
    const auto names = h5::readStrings(g, "name");
    const auto kinds = h5::readStrings(g, "kind");
    const auto acts = h5::readStrings(g, "activation");
    const auto bns = h5::readStrings(g, "batch_norm");
    const auto shapes = h5::read<int64_t>(g, "weight_shape");
    const auto stride = h5::read<int64_t>(g, "stride");
    const auto padding = h5::read<int64_t>(g, "padding");
    const auto dilation = h5::read<int64_t>(g, "dilation");
    const auto params = h5::read<int64_t>(g, "params");
    const auto groups = h5::read<int64_t>(g, "groups");
    const auto folded = h5::read<uint8_t>(g, "batch_norm_folded");
    const auto bias = h5::read<uint8_t>(g, "has_bias");
    const auto b = h5::read<int32_t>(g, "bits");
    const auto opt = h5::read<uint8_t>(g, "adaround");
    const size_t n = names.size();
    for (size_t size : {kinds.size(), acts.size(), bns.size(), shapes.size() / 4, stride.size() / 2,
                        padding.size() / 2, dilation.size() / 2, params.size(), groups.size(), folded.size(),
                        bias.size(), b.size(), opt.size()})
        if (size != n)
            throw Error("the layer table's columns differ in length");
    std::vector<LayerInfo> layers(n);
    for (size_t i = 0; i < n; ++i) {
        LayerInfo& l = layers[i];
        l.name = names[i];
        l.kind = parseKind(kinds[i]);
        const bool conv = l.kind == LayerKind::Conv2d;
        l.weightShape = row(shapes, i, 4, conv ? 4 : 2);
        if (conv) {
            l.stride = row(stride, i, 2, 2);
            l.padding = row(padding, i, 2, 2);
            l.dilation = row(dilation, i, 2, 2);
        }
        l.params = params[i];
        l.groups = groups[i];
        l.activation = parseActivation(acts[i]);
        l.batchNorm = bns[i];
        l.batchNormFolded = folded[i] != 0;
        l.hasBias = bias[i] != 0;
        bits.push_back(b[i]);
        optimised.push_back(opt[i] != 0);
    }
    return layers;
}

// /data's skipped images (calibration first, then evaluation; logs before the
// format had them have none).
void readSkippedFiles(hid_t data, RunStarted& s)
{
    if (!h5::hasAttr(data, "calib_skipped"))
        return;
    const int64_t calib = h5::getInt(data, "calib_skipped");
    const int64_t eval = h5::getInt(data, "eval_skipped");
    if (calib < 0 || eval < 0)
        throw Error("/data: negative count of skipped images");
    if (calib == 0 && eval == 0)
        return;
    const auto files = h5::readStrings(data, "skipped_files");
    const auto reasons = h5::readStrings(data, "skipped_reasons");
    if (files.size() != reasons.size() || files.size() != uint64_t(calib) + uint64_t(eval))
        throw Error("/data: the skipped files do not match their counts");
    for (size_t i = 0; i < files.size(); ++i)
        (i < size_t(calib) ? s.skippedCalib : s.skippedEval).push_back({files[i], reasons[i]});
}

// /model's layers left in float (absent in logs of earlier versions).
void readFloatLayers(hid_t model, RunStarted& s)
{
    if (!h5::exists(model, "float_layers"))
        return;
    const auto names = h5::readStrings(model, "float_layers");
    const auto kinds = h5::readStrings(model, "float_layer_kinds");
    if (names.size() != kinds.size())
        throw Error("/model: float_layers and float_layer_kinds differ in length");
    for (size_t i = 0; i < names.size(); ++i)
        s.floatLayers.push_back({names[i], kinds[i]});
}

void readStarted(hid_t root, RunRecord& r)
{
    const h5::Handle config = h5::openGroup(root, "config");
    const h5::Handle model = h5::openGroup(root, "model");
    const h5::Handle data = h5::openGroup(root, "data");
    if (!h5::hasAttr(config.id(), "json"))
        return; // the run failed before it started: nothing but the root attributes
    RunStarted& s = r.started;
    s.config = configFromJson(h5::getString(config.id(), "json"));
    s.layers = readLayerTable(model.id(), s.bits, s.adaround);
    s.calibImages = h5::getInt(data.id(), "calib_images");
    s.evalImages = h5::getInt(data.id(), "eval_images");
    s.preprocess = h5::getString(data.id(), "preprocess");
    s.calibFiles = h5::readStrings(data.id(), "calib_files");
    readSkippedFiles(data.id(), s);
    readFloatLayers(model.id(), s);
    s.classes = readClassMapping(data.id());
    s.memory = readMemoryPlan(data.id());
    if (h5::exists(root, "activations")) {
        const h5::Handle acts = h5::openGroup(root, "activations");
        const auto layer = h5::read<int32_t>(acts.id(), "layer");
        const auto bits = h5::read<int32_t>(acts.id(), "bits");
        const auto scale = h5::read<double>(acts.id(), "scale");
        const auto zero = h5::read<int64_t>(acts.id(), "zero_point");
        if (bits.size() != layer.size() || scale.size() != layer.size() || zero.size() != layer.size())
            throw Error("/activations: datasets of different lengths");
        for (size_t i = 0; i < layer.size(); ++i)
            s.activationGrids.push_back({layer[i], bits[i], scale[i], zero[i]});
    }
    r.hasStarted = true;
}

struct LayerGroup {
    int index;
    std::string name;
};

herr_t collect(hid_t, const char* name, const H5L_info_t*, void* out)
{
    static_cast<std::vector<std::string>*>(out)->push_back(name);
    return 0;
}

void readLayer(hid_t layers, const std::string& groupName, RunRecord& r)
{
    const h5::Handle group = h5::openGroup(layers, groupName);
    const hid_t g = group.id();
    LayerStarted start;
    start.layer = int(h5::getInt(g, "index"));
    start.name = h5::getString(g, "name");
    start.bits = int(h5::getInt(g, "bits"));
    start.iterations = int(h5::getInt(g, "iterations"));
    r.layerStarts.push_back(start);

    const auto its = h5::read<int32_t>(g, "iteration");
    const auto rec = h5::read<double>(g, "rec_loss");
    const auto round = h5::read<double>(g, "round_loss");
    const auto beta = h5::read<double>(g, "beta");
    const auto total = h5::read<double>(g, "total_loss");
    if (rec.size() != its.size() || round.size() != its.size() || beta.size() != its.size() ||
        total.size() != its.size())
        throw Error("the iteration series differ in length");
    for (size_t i = 0; i < its.size(); ++i)
        r.iterations.push_back({start.layer, its[i], rec[i], round[i], beta[i], total[i]});

    std::vector<hsize_t> dims;
    const auto hIts = h5::read<int32_t>(g, "histogram_iteration");
    const auto counts = h5::read<int64_t>(g, "histogram", &dims);
    const auto settled = h5::read<double>(g, "histogram_settled_share");
    if (dims.size() != 2 || dims[0] != hIts.size() || settled.size() != hIts.size())
        throw Error("the histogram series differ in length");
    const size_t bins = size_t(dims[1]);
    for (size_t i = 0; i < hIts.size(); ++i)
        r.histograms.push_back({start.layer, hIts[i],
                                std::vector<int64_t>(counts.begin() + long(i * bins), counts.begin() + long((i + 1) * bins)),
                                settled[i]});
    for (WeightSample& w : readWeightSamples(g, start.layer, hIts))
        r.samples.push_back(std::move(w));

    if (h5::exists(g, "codes")) {
        QuantizedLayer w;
        w.layer = start.layer;
        w.name = start.name;
        std::vector<hsize_t> shape;
        w.codes = h5::read<uint8_t>(g, "codes", &shape);
        w.shape.assign(shape.begin(), shape.end());
        if (h5::exists(g, "rounded_up"))
            w.roundedUp = h5::read<uint8_t>(g, "rounded_up");
        if (!w.roundedUp.empty() && w.roundedUp.size() != w.codes.size())
            throw Error("'rounded_up' and 'codes' differ in size");
        w.fraction = readFraction(g, w.codes.size());
        w.grid.bits = start.bits;
        w.grid.symmetric = h5::getFlag(g, "symmetric");
        w.grid.scale = h5::read<float>(g, "scale");
        w.grid.zeroPoint = h5::read<float>(g, "zero_point");
        r.weights.push_back(std::move(w));
    }

    if (!h5::getFlag(g, "completed"))
        return;
    LayerFinished f;
    f.layer = start.layer;
    f.name = start.name;
    f.bits = start.bits;
    for (const LayerMetric& metric : kLayerMetrics)
        f.*metric.member = h5::getDouble(g, metric.name);
    f.keptRtn = h5::getFlag(g, "kept_rtn");
    f.optimised = h5::getFlag(g, "optimised");
    f.objective = parseObjective(h5::getString(g, "objective"));
    r.layers.push_back(f);
}

void readLayers(hid_t root, RunRecord& r)
{
    const h5::Handle layers = h5::openGroup(root, "layers");
    std::vector<std::string> names;
    hsize_t at = 0;
    h5::check(H5Literate(layers.id(), H5_INDEX_NAME, H5_ITER_INC, &at, collect, &names), "listing /layers");
    std::vector<LayerGroup> order;
    for (const auto& name : names) {
        const h5::Handle g = h5::openGroup(layers.id(), name);
        order.push_back({int(h5::getInt(g.id(), "index")), name});
    }
    std::sort(order.begin(), order.end(), [](auto& a, auto& b) { return a.index < b.index; });
    for (const auto& l : order) {
        try {
            readLayer(layers.id(), l.name, r);
        } catch (const Error& e) {
            throw Error("/layers/" + l.name + ": " + e.what());
        }
    }
}

void readAccuracy(hid_t root, RunRecord& r, const std::string& status)
{
    const h5::Handle acc = h5::openGroup(root, "accuracy");
    const hid_t a = acc.id();
    const auto done = h5::read<int32_t>(a, "layers_done");
    const auto rtn = h5::read<double>(a, "rtn_top1");
    const auto ada = h5::read<double>(a, "adaround_top1");
    if (rtn.size() != done.size() || ada.size() != done.size())
        throw Error("the accuracy progress series differ in length");
    for (size_t i = 0; i < done.size(); ++i)
        r.progress.push_back({done[i], rtn[i], ada[i]});
    if (h5::hasAttr(a, "subset_images")) { // absent in logs written before the baseline was measured
        SubsetBaseline b;
        const int64_t images = h5::getInt(a, "subset_images");
        if (images < 0)
            throw Error("/accuracy: negative subset_images");
        for (auto [name, out] : {std::pair<const char*, Accuracy*>{"fp32", &b.fp32}, {"rtn", &b.rtn}}) {
            out->top1 = h5::getDouble(a, (std::string("subset_") + name + "_top1").c_str());
            out->top5 = h5::getDouble(a, (std::string("subset_") + name + "_top5").c_str());
            out->count = images;
        }
        r.baseline = b;
    }
    if (status == "completed")
        r.finished = readFinalAccuracy(root);
}

RunLogInfo readInfo(hid_t root, const std::string& path)
{
    RunLogInfo i;
    i.path = path;
    i.schema = kRunLogSchema;
    i.schemaVersion = int(h5::getInt(root, "schema_version"));
    for (const RootTextFact& fact : kRootTextFacts)
        i.*fact.member = h5::getString(root, fact.name);
    i.threads = int(h5::getInt(root, "host_threads"));
    i.seed = h5::getUInt64(root, "seed");
    return i;
}

void checkSchema(hid_t root)
{
    if (h5::hasAttr(root, "schema") && h5::getString(root, "schema") == kStudyLogSchema)
        throw Error("a stochastic-rounding study log, not a run log (show it with adaround-cli study show FILE)");
    if (!h5::hasAttr(root, "schema") || h5::getString(root, "schema") != kRunLogSchema)
        throw Error(std::string("an HDF5 file, but not an AdaRound run log (no root attribute schema = '") +
                    kRunLogSchema + "')");
    const int64_t version = h5::getInt(root, "schema_version");
    if (version > kRunLogSchemaVersion)
        throw Error("written with run-log schema version " + std::to_string(version) + "; this build reads up to "
                    "version " + std::to_string(kRunLogSchemaVersion) + " (update AdaRound Workbench)");
    if (version < 1)
        throw Error("invalid run-log schema version " + std::to_string(version));
}

RunLog readOpen(hid_t root, const std::string& path)
{
    RunLog log;
    log.info = readInfo(root, path);
    RunRecord& r = log.record;
    readStarted(root, r);
    const h5::Handle config = h5::openGroup(root, "config");
    log.info.configJson = r.hasStarted ? h5::getString(config.id(), "json") : "";
    const h5::Handle model = h5::openGroup(root, "model");
    if (r.hasStarted) {
        log.info.modelPath = h5::getString(model.id(), "path");
        log.info.modelBytes = h5::getInt(model.id(), "bytes");
        log.info.modelSha256 = h5::getString(model.id(), "sha256");
    }
    readLayers(root, r);
    readAccuracy(root, r, log.info.status);
    r.layersDone = int(h5::getInt(root, "layers_done"));
    const std::string& s = log.info.status;
    if (s == "completed")
        r.end = RunEnd::Completed;
    else if (s == "cancelled")
        r.end = RunEnd::Cancelled;
    else if (s == "failed")
        r.end = RunEnd::Failed;
    else if (s != "running")
        throw Error("unknown status '" + s + "'");
    r.error = log.info.error;
    return log;
}

} // namespace

RunFinished readFinalAccuracy(hid_t root)
{
    const h5::Handle acc = h5::openGroup(root, "accuracy");
    const hid_t a = acc.id();
    RunFinished f;
    const int64_t count = h5::getInt(a, "eval_images");
    for (auto [name, out] : {std::pair<const char*, Accuracy*>{"fp32", &f.fp32}, {"rtn", &f.rtn},
                             {"adaround", &f.adaround}}) {
        out->top1 = h5::getDouble(a, (std::string(name) + "_top1").c_str());
        out->top5 = h5::getDouble(a, (std::string(name) + "_top5").c_str());
        out->count = count;
    }
    f.seconds = h5::getDouble(root, "seconds");
    return f;
}

h5::Handle openRunLogImage(const std::string& bytes, const std::string& path, bool writable)
{
    h5::Handle fapl(h5::check(H5Pcreate(H5P_FILE_ACCESS), "file access properties"));
    h5::check(H5Pset_fapl_core(fapl.id(), 1 << 20, 0), "in-memory file");
    h5::check(H5Pset_file_image(fapl.id(), const_cast<char*>(bytes.data()), bytes.size()), "in-memory file");
    // A name of its own per image: HDF5 takes two open files of one name for the same file.
    static std::atomic<unsigned long> serial{0};
    const std::string name = path + " (image " + std::to_string(++serial) + ")";
    const hid_t id = H5Fopen(name.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, fapl.id());
    if (id < 0)
        throw Error(path + ": truncated or damaged HDF5 file (" + h5::lastError() + ")");
    return h5::Handle(id);
}

RunLog parseRunLog(const std::string& bytes, const std::string& path)
{
    h5::Quiet quiet;
    const h5::Handle file = openRunLogImage(bytes, path, false);
    try {
        checkSchema(file.id());
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    }
    try {
        RunLog log = readOpen(file.id(), path);
        checkRecord(log.record);
        return log;
    } catch (const Error& e) {
        throw Error(path + ": damaged run log: " + e.what());
    }
}

} // namespace adaround
