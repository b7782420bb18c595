#include "config_diff.h"

#include "adaround/knobs.h"

#include <QFileInfo>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace {

using adaround::AdaRoundConfig;

// A setting that is not a knob: its JSON key, equality and short text.
struct StructuredSetting {
    const char* key;
    std::function<bool(const AdaRoundConfig&, const AdaRoundConfig&)> same;
    std::function<QString(const AdaRoundConfig&)> text;
};

QString words(const std::vector<std::string>& names)
{
    QStringList out;
    for (const std::string& n : names)
        out << QString::fromStdString(n);
    return out.join(QLatin1Char(' '));
}

QString numbers(const std::vector<float>& values)
{
    QStringList out;
    for (float v : values)
        out << QString::fromStdString(adaround::formatKnobValue(double(v)));
    return out.join(QLatin1Char(' '));
}

const std::vector<StructuredSetting>& structuredSettings()
{
    static const std::vector<StructuredSetting> settings = {
        {"bits_layer", [](const AdaRoundConfig& a, const AdaRoundConfig& b) { return a.bits.overrides == b.bits.overrides; },
         [](const AdaRoundConfig& c) {
             QStringList out;
             for (const auto& [layer, bits] : c.bits.overrides)
                 out << QString::fromStdString(layer) + QLatin1Char(':') +
                            (bits == 0 ? QStringLiteral("fp32") : QString::number(bits));
             return out.join(QLatin1Char(' '));
         }},
        {"layers", [](const AdaRoundConfig& a, const AdaRoundConfig& b) { return a.layerOverrides == b.layerOverrides; },
         [](const AdaRoundConfig& c) {
             QStringList out;
             for (const auto& [layer, knobs] : c.layerOverrides)
                 for (const auto& [key, value] : knobs)
                     out << QString::fromStdString(layer + "." + key + "=" + adaround::formatKnobValue(value));
             return out.join(QLatin1Char(' '));
         }},
        {"rtn_layers", [](const AdaRoundConfig& a, const AdaRoundConfig& b) { return a.rtnOnlyLayers == b.rtnOnlyLayers; },
         [](const AdaRoundConfig& c) { return words(c.rtnOnlyLayers); }},
        {"classes", [](const AdaRoundConfig& a, const AdaRoundConfig& b) { return a.classNames == b.classNames; },
         [](const AdaRoundConfig& c) {
             return c.classNames.empty() ? QStringLiteral("calibration folder")
                                         : QStringLiteral("%1 names").arg(c.classNames.size());
         }},
        {"preprocess_overrides",
         [](const AdaRoundConfig& a, const AdaRoundConfig& b) {
             const auto &x = a.preprocessOverrides, &y = b.preprocessOverrides;
             return x.channels == y.channels && x.resize == y.resize && x.crop == y.crop && x.mean == y.mean &&
                    x.std == y.std;
         },
         [](const AdaRoundConfig& c) {
             const auto& o = c.preprocessOverrides;
             QStringList out;
             for (const auto& [name, v] : {std::pair{"channels", o.channels}, {"resize", o.resize}, {"crop", o.crop}})
                 if (v >= 0)
                     out << QString::fromLatin1(name) + QLatin1Char(':') + QString::number(v);
             if (!o.mean.empty())
                 out << QStringLiteral("mean:") + numbers(o.mean);
             if (!o.std.empty())
                 out << QStringLiteral("std:") + numbers(o.std);
             return out.join(QLatin1Char(' '));
         }},
    };
    return settings;
}

QString knobText(const adaround::Knob& k, const AdaRoundConfig& c)
{
    const adaround::KnobValue v = k.get(c);
    if (k.type == adaround::KnobType::Text && (k.key == "model" || k.key == "calib" || k.key == "eval"))
        return QFileInfo(QString::fromStdString(std::get<std::string>(v))).fileName(); // a path: its last part tells runs apart
    if (k.type == adaround::KnobType::Bool)
        return std::get<bool>(v) ? QStringLiteral("on") : QStringLiteral("off");
    return QString::fromStdString(adaround::formatKnobValue(v));
}

// Legends are short: the Greek knobs by their symbol, the rest by key.
QString displayKey(const QString& key)
{
    if (key == QLatin1String("lambda"))
        return QStringLiteral("λ");
    if (key == QLatin1String("beta_start"))
        return QStringLiteral("β start");
    if (key == QLatin1String("beta_end"))
        return QStringLiteral("β end");
    return key;
}

QString settingText(const std::string& key, const AdaRoundConfig& c)
{
    if (const adaround::Knob* k = adaround::findKnob(key))
        return knobText(*k, c);
    for (const StructuredSetting& s : structuredSettings())
        if (key == s.key)
            return s.text(c);
    return {};
}

} // namespace

QStringList differingSettings(const AdaRoundConfig& a, const AdaRoundConfig& b)
{
    std::vector<std::string> keys;
    for (const adaround::Knob& k : adaround::knobTable())
        if (k.get(a) != k.get(b))
            keys.push_back(k.key);
    for (const StructuredSetting& s : structuredSettings())
        if (!s.same(a, b))
            keys.push_back(s.key);
    std::sort(keys.begin(), keys.end());
    QStringList out;
    for (const std::string& k : keys)
        out << QString::fromStdString(k);
    return out;
}

namespace {

// Settings that mostly describe the data rather than the method: named last.
bool dataSetting(const QString& key)
{
    static const QStringList data = {"calib", "eval", "calib_size", "eval_subset", "preprocess",
                                     "preprocess_overrides", "classes", "threads", "memory_budget_mib"};
    return data.contains(key);
}

// A path knob's whole path (for tooltips and reports), else the short text.
QString fullText(const QString& key, const AdaRoundConfig& c)
{
    if (key == QLatin1String("model") || key == QLatin1String("calib") || key == QLatin1String("eval"))
        if (const adaround::Knob* k = adaround::findKnob(key.toStdString()))
            return QString::fromStdString(std::get<std::string>(k->get(c)));
    return settingText(key.toStdString(), c);
}

QString labelOf(const QStringList& keys, const AdaRoundConfig& run, const QString& fallback, int maxSettings)
{
    QStringList parts;
    for (const QString& key : keys) {
        if (maxSettings > 0 && parts.size() == maxSettings) {
            parts.last() += QStringLiteral(" +%1 more").arg(keys.size() - maxSettings);
            break;
        }
        parts << displayKey(key) + QLatin1Char('=') + settingText(key.toStdString(), run);
    }
    return parts.isEmpty() ? fallback : parts.join(QStringLiteral(", "));
}

} // namespace

QString comparisonLabel(const AdaRoundConfig& run, const AdaRoundConfig& reference, const QString& fallback,
                        int maxSettings)
{
    QStringList keys; // a difference the short text cannot show (two folders named calib/) names nothing
    for (const QString& k : differingSettings(run, reference))
        if (settingText(k.toStdString(), run) != settingText(k.toStdString(), reference))
            keys << k;
    return labelOf(keys, run, fallback, maxSettings);
}

QString comparisonTooltip(const AdaRoundConfig& run, const AdaRoundConfig& reference, const QString& referenceName)
{
    QStringList lines;
    for (const QString& key : differingSettings(run, reference)) {
        const std::string k = key.toStdString();
        lines << QStringLiteral("%1: %2 (%3: %4)")
                     .arg(displayKey(key), fullText(key, run), referenceName, fullText(key, reference));
    }
    return lines.join(QLatin1Char('\n'));
}

QStringList comparisonNames(const std::vector<AdaRoundConfig>& runs, const QStringList& fallbacks, int maxSettings)
{
    QStringList keys; // differing anywhere in the set, in alphabetical order
    for (size_t i = 1; i < runs.size(); ++i)
        for (const QString& k : differingSettings(runs[0], runs[i]))
            if (!keys.contains(k))
                keys << k;
    keys.sort();
    // The method's settings first (the model leading), the data's last; and only
    // those whose short texts tell the runs apart.
    std::stable_sort(keys.begin(), keys.end(), [](const QString& a, const QString& b) {
        const auto rank = [](const QString& k) { return k == QLatin1String("model") ? 0 : dataSetting(k) ? 2 : 1; };
        return rank(a) < rank(b);
    });
    keys.erase(std::remove_if(keys.begin(), keys.end(),
                              [&](const QString& k) {
                                  const QString first = settingText(k.toStdString(), runs[0]);
                                  return std::all_of(runs.begin(), runs.end(), [&](const AdaRoundConfig& c) {
                                      return settingText(k.toStdString(), c) == first;
                                  });
                              }),
               keys.end());
    QStringList names;
    for (size_t i = 0; i < runs.size(); ++i)
        names << labelOf(keys, runs[i], i < size_t(fallbacks.size()) ? fallbacks[int(i)] : QString(), maxSettings);
    return names;
}

QString settingName(const QString& key)
{
    return displayKey(key);
}

QString settingValue(const QString& key, const AdaRoundConfig& config)
{
    return settingText(key.toStdString(), config);
}

QList<QPair<QString, QString>> allSettings(const AdaRoundConfig& config)
{
    QList<QPair<QString, QString>> out;
    for (const adaround::Knob& k : adaround::knobTable()) {
        const bool path = k.type == adaround::KnobType::Text && (k.key == "model" || k.key == "calib" || k.key == "eval");
        out.append({displayKey(QString::fromStdString(k.key)),
                    path ? QString::fromStdString(std::get<std::string>(k.get(config))) : knobText(k, config)});
    }
    for (const StructuredSetting& s : structuredSettings())
        out.append({QString::fromLatin1(s.key), s.text(config)});
    return out;
}
