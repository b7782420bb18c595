#include "replay_bar.h"

#include "run_replay.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

ReplayBar::ReplayBar(RunReplay* replay, QWidget* parent) : QWidget(parent), replay_(replay)
{
    setObjectName(QStringLiteral("replayBar"));
    label_ = new QLabel;
    speed_ = new QComboBox;
    speed_->setObjectName(QStringLiteral("replaySpeed"));
    speed_->setToolTip(tr("How fast the stored run is replayed: a multiple of the pace it ran at (each layer's "
                          "iterations at its measured speed), or the whole run in a given time"));
    const QList<RunReplay::Speed> presets = RunReplay::presets();
    for (int i = 0; i < presets.size(); ++i)
        speed_->addItem(RunReplay::describe(presets[i]), i);
    pause_ = new QToolButton;
    pause_->setObjectName(QStringLiteral("replayPause"));
    pause_->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-pause")));
    pause_->setText(tr("Pause"));
    pause_->setCheckable(true);
    pause_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    stop_ = new QToolButton;
    stop_->setObjectName(QStringLiteral("replayStop"));
    stop_->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-stop")));
    stop_->setText(tr("Stop"));
    stop_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    stop_->setToolTip(tr("End the replay here; File > Open Log shows the whole run at once"));
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setFormat(tr("replayed: %p%"));
    progress_->setMaximumWidth(220);

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(4, 2, 4, 2);
    row->addWidget(label_, 1);
    row->addWidget(new QLabel(tr("Speed:")));
    row->addWidget(speed_);
    row->addWidget(pause_);
    row->addWidget(stop_);
    row->addWidget(progress_);
    QPalette tint = palette(); // a palette, not a style sheet: the buttons and bar keep the platform's look
    tint.setColor(QPalette::Window, QColor(0xe8, 0xf0, 0xfb));
    setPalette(tint);
    setAutoFillBackground(true);

    connect(speed_, &QComboBox::activated, this, [this](int row) {
        replay_->setSpeed(RunReplay::presets().value(speed_->itemData(row).toInt(), RunReplay::defaultSpeed()));
        updateState();
    });
    connect(pause_, &QToolButton::toggled, replay_, &RunReplay::setPaused);
    connect(pause_, &QToolButton::toggled, this, &ReplayBar::updateState);
    connect(stop_, &QToolButton::clicked, replay_, &RunReplay::stop);
    connect(replay_, &RunReplay::progressed, this,
            [this](double f) { progress_->setValue(int(f * 1000)); });
    connect(replay_, &RunReplay::ended, this, [this] { hide(); });
    hide();
}

void ReplayBar::setRunName(const QString& name)
{
    runName_ = name;
    const int row = RunReplay::presets().indexOf(replay_->speed());
    if (row >= 0)
        speed_->setCurrentIndex(speed_->findData(row));
    pause_->setChecked(false);
    progress_->setValue(0);
    updateState();
}

void ReplayBar::updateState()
{
    label_->setText(replay_->isPaused() ? tr("Replay of %1 paused").arg(runName_)
                                        : tr("Replaying %1 (%2 s)")
                                              .arg(runName_)
                                              .arg(qRound(replay_->replaySeconds())));
}
