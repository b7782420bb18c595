// Files and folders dropped on the window (or chosen): each opens as what it
// is — a model, a run log (.h5), settings (.json), or image folders.
#include "main_window.h"

#include "data_folders_widget.h"
#include "run_controller.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QMimeData>

void MainWindow::openPath(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        // A demo-like folder holds both splits; any other folder is an image folder.
        const QDir dir(path);
        if (dir.exists(QStringLiteral("calib")) && dir.exists(QStringLiteral("eval")))
            setDataFolders(dir.filePath(QStringLiteral("calib")), dir.filePath(QStringLiteral("eval")));
        else if (folders_->calibDir().isEmpty())
            setDataFolders(path, folders_->evalDir());
        else
            setDataFolders(folders_->calibDir(), path);
        return;
    }
    const QString suffix = info.suffix().toLower();
    if (suffix == QLatin1String("h5")) {
        openLog(path);
        return;
    }
    if (suffix == QLatin1String("json")) {
        loadSettings(path);
        return;
    }
    openModel(path);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && !controller_->isRunning())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            openPath(url.toLocalFile());
    event->acceptProposedAction();
}
