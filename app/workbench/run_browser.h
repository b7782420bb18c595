#pragma once
// The run browser: every run log in the runs folder and in folders the user
// adds, as a sortable, filterable table (RunBrowserModel) kept up to date by
// a RunFolderScanner, so runs of the CLI appear on their own, running ones
// included. Double-click opens a run; selected runs can be compared or
// reported; name, tags and notes are edited in place (stored in sidecars).
#include <QSortFilterProxyModel>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class RunBrowserModel;
class RunFolderScanner;
struct RunEntry;

// Sorts by RunBrowserModel::kSortRole; keeps rows whose status matches the
// status filter (empty: all) and whose text, in any column, contains the text filter.
class RunBrowserFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit RunBrowserFilter(QObject* parent = nullptr);
    void setStatus(const QString& status);
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString status_, text_;
};

class RunBrowser : public QWidget {
    Q_OBJECT
public:
    explicit RunBrowser(QWidget* parent = nullptr);

    // The runs folder (listed first, never removed) and the extra folders.
    void setRunsFolder(const QString& folder);
    void addFolder(const QString& folder);
    void removeFolder(const QString& folder);
    QStringList folders() const;

    // The logs selected in the table, in the table's order.
    QStringList selectedPaths() const;
    // The entry of a listed log; null if it is not listed.
    const RunEntry* entry(const QString& path) const;

    RunBrowserModel* model() const { return model_; }
    RunBrowserFilter* filter() const { return filter_; }
    QTableView* view() const { return view_; }
    QLineEdit* filterEdit() const { return text_; }
    QComboBox* statusBox() const { return status_; }
    RunFolderScanner* scanner() const { return scanner_; }

signals:
    void openRequested(const QString& path);
    void compareRequested(const QStringList& paths); // the first is shown, the others overlaid
    void reportRequested(const QStringList& paths);
    void errorOccurred(const QString& text);

private:
    void chooseFolder();
    void showMenu(const QPoint& at);
    void updateFolderLabel();
    void updateButtons();
    void edit(int column);

    QString runsFolder_;
    QStringList extra_;
    RunBrowserModel* model_;
    RunBrowserFilter* filter_;
    RunFolderScanner* scanner_;
    QTableView* view_;
    QLineEdit* text_;
    QComboBox* status_;
    QLabel* folderLabel_;
    QAction *openAction_, *compareAction_, *reportAction_;
};
