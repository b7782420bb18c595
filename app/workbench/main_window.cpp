#include "main_window.h"

#include "adaround/bit_plan.h"
#include "adaround/error.h"
#include "adaround/model.h"
#include "adaround/runtime.h"
#include "layer_table_model.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("AdaRound Workbench"));
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    modelLabel_ = new QLabel(tr("Open a TorchScript model (File > Open Model, Ctrl+O)."), central);
    layers_ = new LayerTableModel(this);
    table_ = new QTableView(central);
    table_->setModel(layers_);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(LayerTableModel::Name, QHeaderView::Stretch);
    table_->setAlternatingRowColors(true);
    layout->addWidget(modelLabel_);
    layout->addWidget(table_);
    setCentralWidget(central);
    createActions();
    resize(1000, 640);
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Model..."), this, &MainWindow::chooseModel);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, &MainWindow::showAbout);
}

bool MainWindow::openModel(const QString& path)
{
    try {
        auto model = adaround::Model::load(path.toStdString());
        adaround::BitPlan plan;
        const auto bits = adaround::resolveBits(model->layers(), plan);
        layers_->setLayers(model->layers(), bits);
        modelLabel_->setText(tr("%1 — %2 quantizable layers").arg(QFileInfo(path).fileName()).arg(model->layers().size()));
        statusBar()->showMessage(tr("Loaded %1").arg(path));
        lastError_.clear();
        return true;
    } catch (const adaround::Error& e) {
        lastError_ = QString::fromStdString(e.what());
        statusBar()->showMessage(lastError_);
        modelLabel_->setText(tr("Could not open the model: %1").arg(lastError_));
        return false;
    }
}

void MainWindow::chooseModel()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open TorchScript model"), QString(),
                                                      tr("TorchScript models (*.pt *.pth *.ts);;All files (*)"));
    if (!path.isEmpty())
        openModel(path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About AdaRound Workbench"),
                       tr("<b>AdaRound Workbench %1</b><p>Adaptive rounding for post-training quantization "
                          "(Nagel et al., 2020), live.</p><p>LibTorch %2, OpenCV %3, HDF5 %4, Qt %5</p>")
                           .arg(QString::fromStdString(adaround::appVersion()),
                                QString::fromStdString(adaround::torchVersion()),
                                QString::fromStdString(adaround::opencvVersion()),
                                QString::fromStdString(adaround::hdf5Version()), QString::fromLatin1(qVersion())));
}
