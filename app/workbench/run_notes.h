#pragma once
// A user's name, tags and notes for one run, kept beside its log in a sidecar
// (RUN.h5.notes.json), never inside it: the log's bytes, checksum and results
// stay as the run wrote them.
#include <QString>
#include <QStringList>

struct RunNotes {
    QString name;     // empty: the log's file name
    QStringList tags;
    QString notes;

    bool isEmpty() const { return name.isEmpty() && tags.isEmpty() && notes.isEmpty(); }
    bool operator==(const RunNotes& o) const { return name == o.name && tags == o.tags && notes == o.notes; }
};

// "RUN.h5.notes.json" beside LOG_PATH.
QString runNotesPath(const QString& logPath);
// The sidecar's contents; empty notes if there is none or it cannot be read
// (a damaged sidecar must not hide the run).
RunNotes readRunNotes(const QString& logPath);
// Writes (atomically) or, for empty notes, removes the sidecar; false with ERROR on failure.
bool writeRunNotes(const QString& logPath, const RunNotes& notes, QString* error = nullptr);
// "a, b ,c" -> {"a", "b", "c"}: tags as typed in the table.
QStringList parseTags(const QString& text);
