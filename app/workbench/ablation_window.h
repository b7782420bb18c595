#pragma once
// Run > Design-Choice Ablation: the paper's design choices each changed alone
// (adaround/ablation.h), whole runs of the setup in the background, shown as
// a table and a bar chart with error bars over seeds; results can be saved
// and opened as `adaround-cli ablate --json` writes them.
#include "adaround/ablation.h"
#include "worker_thread.h"

#include <QWidget>

#include <memory>

class AblationChart;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

class AblationWindow : public QWidget {
    Q_OBJECT
public:
    explicit AblationWindow(QWidget* parent = nullptr);
    ~AblationWindow() override; // cancels a running ablation and waits for it

    void setBase(const adaround::AdaRoundConfig& config);
    bool start();
    void cancel();
    bool isRunning() const { return worker_.isRunning(); }
    void showResult(const adaround::AblationResult& result);
    bool openResult(const QString& path); // a JSON of adaround-cli ablate --json
    bool saveResult(const QString& path) const;

    QListWidget* variantList() const { return variants_; }
    QSpinBox* seedsBox() const { return seeds_; }
    QTableWidget* table() const { return table_; }
    AblationChart* chart() const { return chart_; }
    const adaround::AblationResult& result() const { return result_; }
    QString statusText() const;

signals:
    void progress(const QString& text, int done, int total); // from the worker
    void finished(); // completed, cancelled or failed

private:
    std::vector<adaround::AblationVariant> chosenVariants() const;
    void onFinished(const adaround::AblationResult& result);
    void setRunning(bool running);

    adaround::AdaRoundConfig base_;
    adaround::AblationResult result_;
    WorkerThread worker_;
    std::unique_ptr<adaround::RunControl> control_;
    QListWidget* variants_;
    QSpinBox* seeds_;
    QLabel* setup_;
    QPushButton* start_;
    QPushButton* cancel_;
    QPushButton* open_;
    QPushButton* save_;
    QProgressBar* bar_;
    QLabel* status_;
    QTableWidget* table_;
    AblationChart* chart_;
};
