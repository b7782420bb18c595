#pragma once
// The run log's path in the status bar, beside (never under) the status
// message: the file name as a link that opens its folder, the full path as a
// tooltip, and a context menu to copy the path or open the folder.
#include <QLabel>
#include <QUrl>

#include <functional>

class LogPathLabel : public QLabel {
    Q_OBJECT
public:
    explicit LogPathLabel(QWidget* parent = nullptr);

    void setPath(const QString& path); // empty: hidden
    QString path() const { return path_; }
    void copyPath() const;             // to the clipboard
    void openFolder() const;
    // How a folder is opened (QDesktopServices by default; tests record it).
    void setOpener(std::function<void(const QUrl&)> opener) { opener_ = std::move(opener); }

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    QString path_;
    std::function<void(const QUrl&)> opener_;
};
