#pragma once
// The strip above the views while a stored run is replayed: what is replayed,
// its speed (changeable while it goes), pause and stop, and how far it is.
#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QToolButton;
class RunReplay;

class ReplayBar : public QWidget {
    Q_OBJECT
public:
    ReplayBar(RunReplay* replay, QWidget* parent = nullptr);

    void setRunName(const QString& name); // shown while replaying
    QComboBox* speedBox() const { return speed_; }
    QToolButton* pauseButton() const { return pause_; }
    QToolButton* stopButton() const { return stop_; }

private:
    void updateState();

    RunReplay* replay_;
    QLabel* label_;
    QComboBox* speed_;
    QToolButton* pause_;
    QToolButton* stop_;
    QProgressBar* progress_;
    QString runName_;
};
