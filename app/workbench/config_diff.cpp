#include "config_diff.h"

#include "adaround/config_json.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QJsonObject asJson(const adaround::AdaRoundConfig& c)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(adaround::configToJson(c))).object();
}

QString shortValue(const QString& key, const QJsonValue& v)
{
    if (v.isString() && (key == QLatin1String("model") || key == QLatin1String("calib") || key == QLatin1String("eval")))
        return QFileInfo(v.toString()).fileName(); // a path: its last part is what tells runs apart
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 6);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("on") : QStringLiteral("off");
    if (v.isString())
        return v.toString();
    const QJsonDocument d = v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
    return QString::fromUtf8(d.toJson(QJsonDocument::Compact));
}

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

} // namespace

QStringList differingSettings(const adaround::AdaRoundConfig& a, const adaround::AdaRoundConfig& b)
{
    const QJsonObject ja = asJson(a), jb = asJson(b);
    QStringList keys;
    for (auto it = ja.begin(); it != ja.end(); ++it)
        if (jb.value(it.key()) != it.value())
            keys << it.key();
    for (auto it = jb.begin(); it != jb.end(); ++it)
        if (!ja.contains(it.key()))
            keys << it.key();
    return keys;
}

QString comparisonLabel(const adaround::AdaRoundConfig& run, const adaround::AdaRoundConfig& reference,
                        const QString& fallback)
{
    const QJsonObject j = asJson(run);
    QStringList parts;
    for (const QString& key : differingSettings(run, reference))
        parts << displayKey(key) + QLatin1Char('=') + shortValue(key, j.value(key));
    return parts.isEmpty() ? fallback : parts.join(QStringLiteral(", "));
}
