#pragma once
// The workbench's main window. For now: open a TorchScript model and show its
// quantizable layers with per-layer bits; the live AdaRound views come next.
#include <QMainWindow>

#include <memory>

class QTableView;
class QLabel;
class LayerTableModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads MODEL and shows its layers; returns false (and shows why) on failure.
    bool openModel(const QString& path);
    LayerTableModel* layerModel() const { return layers_; }
    QString lastError() const { return lastError_; }

private slots:
    void chooseModel();
    void showAbout();

private:
    void createActions();

    QTableView* table_ = nullptr;
    LayerTableModel* layers_ = nullptr;
    QLabel* modelLabel_ = nullptr;
    QString lastError_;
};
