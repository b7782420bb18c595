// How the run log lays out the facts written once: the layer table, the
// configuration, the activation grids and the layer group names (docs/runlog.md).
#include "run_log_layout_p.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/json.h"
#include "adaround/knobs.h"
#include "adaround/layer_overrides.h"

#include <cstdio>
#include <ctime>

namespace adaround {

std::string utcNow()
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

void writeRootFacts(hid_t root, const RunLogInfo& i, int layersDone)
{
    h5::setInt(root, "schema_version", i.schemaVersion);
    for (const RootTextFact& fact : kRootTextFacts)
        h5::setString(root, fact.name, i.*fact.member);
    h5::setInt(root, "host_threads", i.threads);
    h5::setUInt64(root, "seed", i.seed);
    h5::setInt(root, "layers_done", layersDone);
}

void writeModelFacts(hid_t model, const std::string& path, int64_t bytes, const std::string& sha256)
{
    h5::setString(model, "path", path);
    h5::setInt(model, "bytes", bytes, H5T_STD_I64LE);
    h5::setString(model, "sha256", sha256);
}

std::string layerGroupName(int index, const std::string& name)
{
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%03d_", index);
    return prefix + name;
}

namespace {

// Per-layer columns padded to WIDTH (shapes have rank 2 or 4, strides 0 or 2).
std::vector<int64_t> padded(const std::vector<LayerInfo>& layers, size_t width,
                            const std::vector<int64_t>& (*field)(const LayerInfo&))
{
    std::vector<int64_t> out(layers.size() * width, 0);
    for (size_t i = 0; i < layers.size(); ++i) {
        const auto& v = field(layers[i]);
        for (size_t j = 0; j < v.size() && j < width; ++j)
            out[i * width + j] = v[j];
    }
    return out;
}

template <class T, class L, class F>
std::vector<T> column(const std::vector<L>& layers, F field)
{
    std::vector<T> out;
    for (const auto& l : layers)
        out.push_back(T(field(l)));
    return out;
}

} // namespace

void writeLayerTable(hid_t model, const RunStarted& e)
{
    const h5::Handle t = h5::createGroup(model, "layer_table");
    const auto& L = e.layers;
    const hsize_t n = L.size();
    h5::writeStrings(t.id(), "name", column<std::string>(L, [](auto& l) { return l.name; }));
    h5::writeStrings(t.id(), "kind", column<std::string>(L, [](auto& l) { return toString(l.kind); }));
    h5::writeStrings(t.id(), "activation", column<std::string>(L, [](auto& l) { return toString(l.activation); }));
    h5::writeStrings(t.id(), "batch_norm", column<std::string>(L, [](auto& l) { return l.batchNorm; }));
    const auto shapes = padded(L, 4, [](const LayerInfo& l) -> const std::vector<int64_t>& { return l.weightShape; });
    h5::writeArray(t.id(), "weight_shape", H5T_STD_I64LE, H5T_NATIVE_INT64, {n, 4}, shapes.data());
    const auto stride = padded(L, 2, [](const LayerInfo& l) -> const std::vector<int64_t>& { return l.stride; });
    const auto padding = padded(L, 2, [](const LayerInfo& l) -> const std::vector<int64_t>& { return l.padding; });
    const auto dilation = padded(L, 2, [](const LayerInfo& l) -> const std::vector<int64_t>& { return l.dilation; });
    h5::writeArray(t.id(), "stride", H5T_STD_I64LE, H5T_NATIVE_INT64, {n, 2}, stride.data());
    h5::writeArray(t.id(), "padding", H5T_STD_I64LE, H5T_NATIVE_INT64, {n, 2}, padding.data());
    h5::writeArray(t.id(), "dilation", H5T_STD_I64LE, H5T_NATIVE_INT64, {n, 2}, dilation.data());
    const auto params = column<int64_t>(L, [](auto& l) { return l.params; });
    const auto groups = column<int64_t>(L, [](auto& l) { return l.groups; });
    const auto folded = column<uint8_t>(L, [](auto& l) { return l.batchNormFolded; });
    const auto bias = column<uint8_t>(L, [](auto& l) { return l.hasBias; });
    h5::writeArray(t.id(), "params", H5T_STD_I64LE, H5T_NATIVE_INT64, {n}, params.data());
    h5::writeArray(t.id(), "groups", H5T_STD_I64LE, H5T_NATIVE_INT64, {n}, groups.data());
    h5::writeArray(t.id(), "batch_norm_folded", H5T_STD_U8LE, H5T_NATIVE_UINT8, {n}, folded.data());
    h5::writeArray(t.id(), "has_bias", H5T_STD_U8LE, H5T_NATIVE_UINT8, {n}, bias.data());
    std::vector<int32_t> bits(e.bits.begin(), e.bits.end());
    bits.resize(n, 0);
    std::vector<uint8_t> optimised(e.adaround.begin(), e.adaround.end());
    optimised.resize(n, 0);
    h5::writeArray(t.id(), "bits", H5T_STD_I32LE, H5T_NATIVE_INT32, {n}, bits.data());
    h5::writeArray(t.id(), "adaround", H5T_STD_U8LE, H5T_NATIVE_UINT8, {n}, optimised.data());
    h5::writeStrings(t.id(), "overrides",
                     column<std::string>(L, [&](auto& l) { return describeLayerOverrides(e.config, l.name); }));
}

// The JSON for readers, and every knob as an attribute for h5dump and h5py users.
void writeConfig(hid_t group, const AdaRoundConfig& c)
{
    h5::setString(group, "json", configToJson(c));
    h5::setString(group, "layers", dumpJson(parseJson(configToJson(c)).at("layers"))); // per-layer knobs
    for (const Knob& k : knobTable()) {
        const KnobValue v = k.get(c);
        std::visit(
            [&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, bool>)
                    h5::setFlag(group, k.key.c_str(), x);
                else if constexpr (std::is_same_v<T, int64_t>)
                    h5::setInt(group, k.key.c_str(), x);
                else if constexpr (std::is_same_v<T, uint64_t>)
                    h5::setUInt64(group, k.key.c_str(), x);
                else if constexpr (std::is_same_v<T, double>)
                    h5::setDouble(group, k.key.c_str(), x);
                else
                    h5::setString(group, k.key.c_str(), x);
            },
            v);
    }
}

// /activations: one row per quantized layer input, only with activation quantization.
void writeActivationGrids(hid_t root, const std::vector<ActivationGrid>& grids)
{
    if (grids.empty())
        return;
    const h5::Handle g = h5::createGroup(root, "activations");
    const hsize_t n = grids.size();
    std::vector<int32_t> layer, bits;
    std::vector<double> scale;
    std::vector<int64_t> zero;
    for (const ActivationGrid& a : grids) {
        layer.push_back(a.layer);
        bits.push_back(a.bits);
        scale.push_back(a.scale);
        zero.push_back(a.zeroPoint);
    }
    h5::writeArray(g.id(), "layer", H5T_STD_I32LE, H5T_NATIVE_INT32, {n}, layer.data());
    h5::writeArray(g.id(), "bits", H5T_STD_I32LE, H5T_NATIVE_INT32, {n}, bits.data());
    h5::writeArray(g.id(), "scale", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {n}, scale.data());
    h5::writeArray(g.id(), "zero_point", H5T_STD_I64LE, H5T_NATIVE_INT64, {n}, zero.data());
}

// Images left out of the run: counts always, the files and reasons when any.
void writeSkippedFiles(hid_t data, const RunStarted& e)
{
    h5::setInt(data, "calib_skipped", int64_t(e.skippedCalib.size()), H5T_STD_I64LE);
    h5::setInt(data, "eval_skipped", int64_t(e.skippedEval.size()), H5T_STD_I64LE);
    h5::remove(data, "skipped_files"); // rewritten when the final evaluation found more
    h5::remove(data, "skipped_reasons");
    std::vector<std::string> files, reasons;
    for (const auto* list : {&e.skippedCalib, &e.skippedEval})
        for (const SkippedFile& f : *list) {
            files.push_back(f.path);
            reasons.push_back(f.reason);
        }
    if (files.empty())
        return;
    h5::writeStrings(data, "skipped_files", files);
    h5::writeStrings(data, "skipped_reasons", reasons);
}

void writeFloatLayers(hid_t model, const RunStarted& e)
{
    h5::writeStrings(model, "float_layers", column<std::string>(e.floatLayers, [](auto& f) { return f.name; }));
    h5::writeStrings(model, "float_layer_kinds", column<std::string>(e.floatLayers, [](auto& f) { return f.kind; }));
}

void writeClassMapping(hid_t data, const ClassMapping& m)
{
    if (m.names.empty())
        return;
    h5::setString(data, "class_source", m.source);
    h5::writeStrings(data, "class_names", m.names);
    for (const auto& [name, held] : {std::pair{"calib_classes", &m.calibClasses}, {"eval_classes", &m.evalClasses}})
        if (!held->empty())
            h5::writeArray(data, name, H5T_STD_I32LE, H5T_NATIVE_INT32, {hsize_t(held->size())}, held->data());
}

ClassMapping readClassMapping(hid_t data)
{
    ClassMapping m;
    if (!h5::exists(data, "class_names"))
        return m; // additive: logs written before it
    m.names = h5::readStrings(data, "class_names");
    m.source = h5::hasAttr(data, "class_source") ? h5::getString(data, "class_source") : "";
    for (const auto& [name, held] : {std::pair{"calib_classes", &m.calibClasses}, {"eval_classes", &m.evalClasses}})
        if (h5::exists(data, name)) {
            *held = h5::read<int32_t>(data, name);
            for (int k : *held)
                if (k < 0 || size_t(k) >= m.names.size())
                    throw Error(std::string("/data/") + name + ": class index " + std::to_string(k) +
                                " outside the " + std::to_string(m.names.size()) + " class names");
        }
    return m;
}

void writeMemoryPlan(hid_t data, const MemoryPlan& plan)
{
    if (plan.budget <= 0)
        return; // a run that did not plan (replayed from an older log)
    const h5::Handle g = h5::createGroup(data, "memory_plan");
    for (const MemoryPlanCount& count : kMemoryPlanCounts)
        h5::setInt(g.id(), count.name, plan.*count.member, H5T_STD_I64LE);
    h5::setString(g.id(), "widest_layer", plan.widestLayer);
}

MemoryPlan readMemoryPlan(hid_t data)
{
    MemoryPlan plan;
    if (!h5::exists(data, "memory_plan"))
        return plan; // additive: logs written before it
    const h5::Handle g = h5::openGroup(data, "memory_plan");
    for (const MemoryPlanCount& count : kMemoryPlanCounts)
        if (h5::hasAttr(g.id(), count.name))
            plan.*count.member = h5::getInt(g.id(), count.name);
    plan.widestLayer = h5::getString(g.id(), "widest_layer");
    return plan;
}

} // namespace adaround
