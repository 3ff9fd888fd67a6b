#pragma once

#include "learn/exercisecheck.h"
#include "learn/lesson.h"
#include "learn/lessonstate.h"

class MainWindow;

/**
 * What a lesson does to a window: "Try it" puts the lesson's tab in its state through each
 * panel's public setters (the Regex form, the Dates model, the Files folder in the sandbox, a
 * Chat server), and an exercise is checked on that panel's model or on the disk.
 */
namespace LessonActions {

/// Selects the lesson's tab and puts it in the lesson's state; false + @p error when the
/// state cannot be applied (the sandbox cannot be written). A Chat server already running is
/// stopped first, and the new one starts once it has (asynchronously).
bool applyTryIt(MainWindow *window, const stdlab::learn::Lesson &lesson,
                const stdlab::learn::Sandbox &sandbox, QString *error = nullptr);

/// Checks @p exercise on what the window shows now (@p trace: the Chat session's events).
stdlab::learn::CheckResult check(MainWindow *window, const stdlab::learn::Exercise &exercise,
                                 const stdlab::learn::Sandbox &sandbox,
                                 const stdlab::learn::ChatTrace &trace);

} // namespace LessonActions
