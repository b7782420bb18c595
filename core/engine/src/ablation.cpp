#include "adaround/ablation.h"

#include "adaround/adaround_run.h"
#include "adaround/error.h"
#include "adaround/json.h"
#include "adaround/knobs.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

namespace adaround {
namespace {

double meanOf(const std::vector<double>& v)
{
    return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

} // namespace

const std::vector<AblationVariant>& ablationVariants()
{
    static const std::vector<AblationVariant> v = {
        {"default", "the paper: x^ input, post-activation target, rectified sigmoid + annealed regulariser", {}, false},
        {"recon-input=float", "reconstruct from the FP32 model's input x", {{"recon_input", "float"}}, false},
        {"recon-target=pre", "MSE before the activation", {{"recon_target", "pre"}}, false},
        {"sigmoid-temperature", "plain sigmoid with temperature annealing, no regulariser",
         {{"relaxation", "sigmoid-temperature"}}, false},
        {"ste", "hard rounding forward, the soft gradient back", {{"relaxation", "ste"}}, false},
        {"lambda0", "no regulariser (lambda = 0), rounded at the end", {{"relaxation", "none"}}, false},
        {"rtn", "round-to-nearest: the floor", {}, true},
    };
    return v;
}

std::vector<AblationVariant> chooseAblationVariants(const std::string& list)
{
    if (list.empty())
        return ablationVariants();
    std::vector<AblationVariant> out;
    std::stringstream ss(list);
    std::string name;
    const auto& all = ablationVariants();
    while (std::getline(ss, name, ',')) {
        const auto it = std::find_if(all.begin(), all.end(), [&](const AblationVariant& v) { return v.name == name; });
        if (it == all.end()) {
            std::string names;
            for (const AblationVariant& v : all)
                names += (names.empty() ? "" : ", ") + v.name;
            throw Error("unknown variant '" + name + "' (" + names + ")");
        }
        out.push_back(*it);
    }
    return out;
}

double AblationRow::mean() const
{
    return meanOf(top1);
}

double AblationRow::std() const
{
    if (top1.size() < 2)
        return 0;
    const double m = mean();
    double s = 0;
    for (double x : top1)
        s += (x - m) * (x - m);
    return std::sqrt(s / double(top1.size() - 1));
}

double AblationRow::meanRecMse() const
{
    return meanOf(recMse);
}

AblationResult runAblation(const AdaRoundConfig& config, const std::vector<AblationVariant>& variants, int seeds,
                           const std::function<void(const AblationProgress&)>& progress, const RunControl& control)
{
    AblationResult result;
    for (const AblationVariant& v : variants)
        result.rows.push_back({v, {}, {}});
    const int runs = int(std::count_if(variants.begin(), variants.end(), [](const auto& v) { return !v.isRtn; }));
    if (runs == 0) {
        result.error = "choose at least one variant besides rtn: round-to-nearest is measured by the runs";
        return result;
    }
    int done = 0;
    struct Silent : RunObserver {
        void onEvent(const RunEvent&) override {}
    } silent;
    for (int k = 0; k < seeds; ++k) {
        const uint64_t seed = config.seed + uint64_t(k);
        double rtnTop1 = std::nan("");
        std::vector<std::pair<double, double>> outcomes(variants.size(), {std::nan(""), std::nan("")});
        for (size_t i = 0; i < variants.size(); ++i) {
            if (variants[i].isRtn)
                continue;
            AdaRoundConfig c = config;
            c.seed = seed;
            try {
                for (const auto& [key, value] : variants[i].knobs) {
                    const Knob& knob = *findKnob(key);
                    knob.set(c, parseKnobValue(knob, value));
                }
            } catch (const Error& e) {
                result.error = variants[i].name + ": " + e.what();
                return result;
            }
            if (progress)
                progress({variants[i].name, seed, done, runs * seeds});
            const RunResult r = AdaRoundRun(c).run(silent, control);
            if (r.end == RunEnd::Cancelled || control.cancelled()) {
                result.cancelled = true;
                return result; // the rows keep the seeds every variant completed
            }
            if (r.end == RunEnd::Failed) {
                result.error = variants[i].name + ": " + r.error;
                return result;
            }
            std::vector<double> mse;
            for (const auto& l : r.layers)
                if (l.optimised)
                    mse.push_back(l.keptRtn ? l.recMseRtn : l.recMseHard);
            outcomes[i] = {r.final.adaround.top1, meanOf(mse)};
            rtnTop1 = r.final.rtn.top1; // RTN does not depend on the variant or the seed
            ++done;
        }
        for (size_t i = 0; i < variants.size(); ++i) {
            AblationRow& row = result.rows[i];
            if (variants[i].isRtn) {
                row.top1.push_back(rtnTop1);
            } else {
                row.top1.push_back(outcomes[i].first);
                row.recMse.push_back(outcomes[i].second);
            }
        }
        result.seeds.push_back(seed);
    }
    if (progress)
        progress({"", config.seed, done, runs * seeds});
    return result;
}

std::string ablationToJson(const AblationResult& result)
{
    Json all = Json::array();
    for (const AblationRow& row : result.rows)
        all.push_back({{"name", row.variant.name},
                       {"default", row.variant.name == "default"},
                       {"top1", row.top1},
                       {"mean", row.mean()},
                       {"std", row.std()},
                       {"rec_mse", row.variant.isRtn ? Json() : Json(row.meanRecMse())}});
    return dumpJson({{"variants", all}, {"seeds", result.seeds}});
}

AblationResult ablationFromJson(const std::string& text)
{
    AblationResult r;
    try {
        const Json doc = parseJson(text);
        for (const Json& seed : doc.at("seeds"))
            r.seeds.push_back(seed.get<uint64_t>());
        for (const Json& v : doc.at("variants")) {
            AblationRow row;
            row.variant = chooseAblationVariants(v.at("name").get<std::string>()).front();
            row.top1 = v.at("top1").get<std::vector<double>>();
            if (row.top1.size() != r.seeds.size())
                throw Error("variant " + row.variant.name + " has " + std::to_string(row.top1.size()) +
                            " top-1 values for " + std::to_string(r.seeds.size()) + " seeds");
            if (!row.variant.isRtn && !v.at("rec_mse").is_null())
                row.recMse.assign(row.top1.size(), v.at("rec_mse").get<double>()); // only the mean is kept
            r.rows.push_back(std::move(row));
        }
    } catch (const Json::exception& e) {
        throw Error(std::string("not an ablation result (adaround-cli ablate --json): ") + e.what());
    }
    if (r.rows.empty())
        throw Error("not an ablation result: no variants");
    return r;
}

} // namespace adaround
