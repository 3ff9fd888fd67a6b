# Regex area: Python `re` engine on PCRE2, model and `stdlab regex`.
target_sources(stdlab_core PRIVATE
    regex/regexcli.h regex/regexcli.cpp
)
