#pragma once

#include <QSettings>
#include <QString>
#include <QVariant>

#include <utility>

/**
 * One setting declared once, with its key and its default (after qBittorrent's SettingValue):
 *
 *     static const SettingValue<bool> s_showCode{"pythonPane", true};
 *     s_showCode.set(settings, visible);
 *     visible = s_showCode.get(settings);
 *
 * @p settings is the caller's QSettings, already inside its group. A stored value that does not
 * convert to T (a hand-edited file) reads as the default, never as T's zero.
 */
template<typename T>
class SettingValue
{
public:
    SettingValue(const char *key, T defaultValue)
        : m_key(key)
        , m_default(std::move(defaultValue))
    {
    }

    QString key() const { return QString::fromLatin1(m_key); }
    const T &defaultValue() const { return m_default; }

    T get(const QSettings &settings) const
    {
        QVariant value = settings.value(key());
        if (!value.isValid() || !value.convert(QMetaType::fromType<T>())) {
            return m_default;
        }
        return value.value<T>();
    }

    void set(QSettings &settings, const T &value) const { settings.setValue(key(), value); }
    bool isStored(const QSettings &settings) const { return settings.contains(key()); }

private:
    const char *m_key;
    T m_default;
};
