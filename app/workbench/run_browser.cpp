#include "run_browser.h"

#include "run_browser_model.h"
#include "run_folder_scanner.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

RunBrowserFilter::RunBrowserFilter(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(RunBrowserModel::kSortRole);
    setDynamicSortFilter(true);
}

void RunBrowserFilter::setStatus(const QString& status)
{
    status_ = status;
    invalidateFilter();
}

void RunBrowserFilter::setText(const QString& text)
{
    text_ = text.trimmed();
    invalidateFilter();
}

bool RunBrowserFilter::filterAcceptsRow(int row, const QModelIndex& parent) const
{
    const QAbstractItemModel* m = sourceModel();
    if (!status_.isEmpty() && m->index(row, 0, parent).data(RunBrowserModel::kStatusRole).toString() != status_)
        return false;
    if (text_.isEmpty())
        return true;
    for (int c = 0; c < m->columnCount(parent); ++c)
        if (m->index(row, c, parent).data().toString().contains(text_, Qt::CaseInsensitive))
            return true;
    return m->index(row, 0, parent).data(RunBrowserModel::kPathRole).toString().contains(text_, Qt::CaseInsensitive);
}

RunBrowser::RunBrowser(QWidget* parent)
    : QWidget(parent), model_(new RunBrowserModel(this)), filter_(new RunBrowserFilter(this)),
      scanner_(new RunFolderScanner(this))
{
    filter_->setSourceModel(model_);
    connect(scanner_, &RunFolderScanner::scanned, this, [this](const SharedRunScan& s) {
        const bool first = model_->rowCount() == 0;
        model_->apply(*s);
        if (first && model_->rowCount() > 0) { // the first rows set the widths; the user's later
            view_->resizeColumnsToContents();
            view_->setColumnWidth(RunBrowserModel::Notes, std::max(view_->columnWidth(RunBrowserModel::Notes), 200));
        }
        updateButtons();
    });

    text_ = new QLineEdit;
    text_->setObjectName(QStringLiteral("runFilter"));
    text_->setPlaceholderText(tr("Filter: name, model, tag, λ, status…"));
    text_->setClearButtonEnabled(true);
    connect(text_, &QLineEdit::textChanged, filter_, &RunBrowserFilter::setText);
    status_ = new QComboBox;
    status_->setObjectName(QStringLiteral("statusFilter"));
    status_->addItem(tr("All runs"), QString());
    for (const char* s : {"completed", "running", "cancelled", "failed", "unreadable"})
        status_->addItem(tr(s), QString::fromLatin1(s));
    connect(status_, &QComboBox::currentIndexChanged, this,
            [this](int i) { filter_->setStatus(status_->itemData(i).toString()); });

    view_ = new QTableView;
    view_->setObjectName(QStringLiteral("runTable"));
    view_->setModel(filter_);
    view_->setSortingEnabled(true);
    view_->sortByColumn(RunBrowserModel::Date, Qt::DescendingOrder); // newest first
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    view_->setAlternatingRowColors(true);
    view_->verticalHeader()->setVisible(false);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->horizontalHeader()->setSectionsMovable(true);
    view_->setWordWrap(false);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
        const bool editable = i.column() == RunBrowserModel::Tags || i.column() == RunBrowserModel::Notes;
        if (editable)
            view_->edit(i);
        else
            emit openRequested(i.data(RunBrowserModel::kPathRole).toString());
    });
    connect(view_, &QWidget::customContextMenuRequested, this, &RunBrowser::showMenu);
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunBrowser::updateButtons);

    openAction_ = new QAction(tr("&Open"), this);
    openAction_->setToolTip(tr("Show the selected run in the views (or double-click it)"));
    connect(openAction_, &QAction::triggered, this, [this] {
        if (const QStringList p = selectedPaths(); !p.isEmpty())
            emit openRequested(p.first());
    });
    compareAction_ = new QAction(tr("&Compare"), this);
    compareAction_->setToolTip(tr("Show the first selected run and overlay the others, named by the settings that "
                                  "differ"));
    connect(compareAction_, &QAction::triggered, this, [this] { emit compareRequested(selectedPaths()); });
    reportAction_ = new QAction(tr("&Report…"), this);
    reportAction_->setToolTip(tr("Export an HTML or PDF report of the selected run or runs"));
    connect(reportAction_, &QAction::triggered, this, [this] { emit reportRequested(selectedPaths()); });

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(text_, 1);
    row->addWidget(status_);
    for (QAction* a : {openAction_, compareAction_, reportAction_}) {
        auto* b = new QToolButton;
        b->setDefaultAction(a);
        row->addWidget(b);
    }
    folderLabel_ = new QLabel;
    folderLabel_->setWordWrap(true);
    folderLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* addFolder = new QToolButton;
    addFolder->setText(tr("Add Folder…"));
    addFolder->setToolTip(tr("Also list the run logs in another folder, watched for new runs"));
    connect(addFolder, &QToolButton::clicked, this, &RunBrowser::chooseFolder);
    auto* folders = new QHBoxLayout;
    folders->setContentsMargins(0, 0, 0, 0);
    folders->addWidget(folderLabel_, 1);
    folders->addWidget(addFolder);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(view_, 1);
    layout->addLayout(folders);
    updateButtons();
}

void RunBrowser::setRunsFolder(const QString& folder)
{
    runsFolder_ = folder.isEmpty() ? QString() : QDir(folder).absolutePath(); // empty: none
    extra_.removeAll(runsFolder_);
    scanner_->setFolders(folders());
    updateFolderLabel();
}

void RunBrowser::addFolder(const QString& folder)
{
    const QString abs = QDir(folder).absolutePath();
    if (abs == runsFolder_ || extra_.contains(abs))
        return;
    extra_ << abs;
    scanner_->setFolders(folders());
    updateFolderLabel();
}

void RunBrowser::removeFolder(const QString& folder)
{
    if (extra_.removeAll(QDir(folder).absolutePath()) == 0)
        return;
    scanner_->setFolders(folders());
    updateFolderLabel();
}

QStringList RunBrowser::folders() const
{
    QStringList out;
    if (!runsFolder_.isEmpty())
        out << runsFolder_;
    return out + extra_;
}

QStringList RunBrowser::selectedPaths() const
{
    QModelIndexList rows = view_->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    QStringList out;
    for (const QModelIndex& i : rows)
        out << i.data(RunBrowserModel::kPathRole).toString();
    return out;
}

const RunEntry* RunBrowser::entry(const QString& path) const
{
    const int row = model_->rowOf(path);
    return row < 0 ? nullptr : &model_->entry(row);
}

void RunBrowser::chooseFolder()
{
    auto* dialog = new QFileDialog(this, tr("Add a folder of run logs"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, &RunBrowser::addFolder);
    dialog->open(); // not exec(): a run keeps drawing
}

void RunBrowser::edit(int column)
{
    const QModelIndex current = view_->currentIndex();
    if (current.isValid())
        view_->edit(current.siblingAtColumn(column));
}

void RunBrowser::showMenu(const QPoint& at)
{
    QMenu menu;
    menu.addAction(openAction_);
    menu.addAction(compareAction_);
    menu.addAction(reportAction_);
    menu.addSeparator();
    const bool one = view_->currentIndex().isValid();
    menu.addAction(tr("Rename"), this, [this] { edit(RunBrowserModel::Name); })->setEnabled(one);
    menu.addAction(tr("Edit Tags"), this, [this] { edit(RunBrowserModel::Tags); })->setEnabled(one);
    menu.addAction(tr("Edit Notes"), this, [this] { edit(RunBrowserModel::Notes); })->setEnabled(one);
    if (!extra_.isEmpty()) {
        menu.addSeparator();
        QMenu* remove = menu.addMenu(tr("Stop Listing Folder"));
        for (const QString& f : extra_)
            remove->addAction(QDir::toNativeSeparators(f), this, [this, f] { removeFolder(f); });
    }
    menu.exec(view_->viewport()->mapToGlobal(at));
}

void RunBrowser::updateFolderLabel()
{
    QStringList names;
    for (const QString& f : folders())
        names << QDir::toNativeSeparators(f);
    folderLabel_->setText(tr("Watching %1").arg(names.join(QStringLiteral(", "))));
}

void RunBrowser::updateButtons()
{
    const int n = int(selectedPaths().size());
    openAction_->setEnabled(n >= 1);
    compareAction_->setEnabled(n >= 2);
    reportAction_->setEnabled(n >= 1);
}
