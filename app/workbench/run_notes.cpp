#include "run_notes.h"

#include "adaround/error.h"
#include "adaround/file_io.h"
#include "adaround/json.h"

#include <QFile>

QString runNotesPath(const QString& logPath)
{
    return logPath + QStringLiteral(".notes.json");
}

RunNotes readRunNotes(const QString& logPath)
{
    RunNotes n;
    const QString path = runNotesPath(logPath);
    if (!QFile::exists(path))
        return n;
    try {
        const adaround::Json doc =
            adaround::parseJson(adaround::readTextFile(path.toStdString(), adaround::kMaxConfigBytes, "run notes"));
        if (!doc.is_object())
            return n;
        if (doc.contains("name") && doc["name"].is_string())
            n.name = QString::fromStdString(doc["name"].get<std::string>());
        if (doc.contains("notes") && doc["notes"].is_string())
            n.notes = QString::fromStdString(doc["notes"].get<std::string>());
        if (doc.contains("tags") && doc["tags"].is_array())
            for (const auto& t : doc["tags"])
                if (t.is_string())
                    n.tags << QString::fromStdString(t.get<std::string>());
    } catch (const std::exception&) {
        // unreadable or not JSON: shown as no notes; the next edit rewrites it
    }
    return n;
}

bool writeRunNotes(const QString& logPath, const RunNotes& notes, QString* error)
{
    const QString path = runNotesPath(logPath);
    if (notes.isEmpty()) {
        if (!QFile::exists(path) || QFile::remove(path))
            return true;
        if (error)
            *error = QObject::tr("cannot remove %1").arg(path);
        return false;
    }
    adaround::Json doc = adaround::Json::object();
    doc["name"] = notes.name.toStdString();
    adaround::Json tags = adaround::Json::array();
    for (const QString& t : notes.tags)
        tags.push_back(t.toStdString());
    doc["tags"] = std::move(tags);
    doc["notes"] = notes.notes.toStdString();
    try {
        adaround::writeFileAtomically(path.toStdString(), adaround::dumpJson(doc, 2) + "\n", "run notes");
        return true;
    } catch (const adaround::Error& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
}

QStringList parseTags(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString t = part.trimmed();
        if (!t.isEmpty() && !out.contains(t))
            out << t;
    }
    return out;
}
