#pragma once
// A "recent files" submenu kept in QSettings under a key (most recent first).
#include <QObject>
#include <QStringList>

class QMenu;

class RecentFiles : public QObject {
    Q_OBJECT
public:
    RecentFiles(const QString& settingsKey, QMenu* menu, QObject* parent = nullptr);

    void add(const QString& path);
    QStringList files() const;

signals:
    void chosen(const QString& path);

private:
    void rebuild();

    QString key_;
    QMenu* menu_;
    static constexpr int kMax = 10;
};
