# Regex area: Python `re` engine on PCRE2, model and `stdlab regex`.
target_sources(stdlab_core PRIVATE
    regex/regexcli.h regex/regexcli.cpp
    regex/pyregex.h regex/pyregex.cpp
    regex/pytranslate.h regex/pytranslate.cpp regex/casetable.inc
    regex/sreengine.h regex/sreengine.cpp
    regex/namealiases.inc
    regex/regexmodel.h regex/regexmodel.cpp
    regex/regexsyntax.h regex/regexsyntax.cpp
    regex/regexexplain.h regex/regexexplain.cpp
    regex/redos.h regex/redos.cpp
    regex/redosrunner.h regex/redosrunner.cpp
    regex/railroad.h regex/railroad.cpp
)
# The engine matches QString's UTF-16 directly (pcre2_16), patterns too large for that on UTF-32
# (pcre2_32, whose links are 32-bit), and names \N{...} with ICU.
pkg_check_modules(PCRE2_16 REQUIRED IMPORTED_TARGET libpcre2-16)
pkg_check_modules(PCRE2_32 REQUIRED IMPORTED_TARGET libpcre2-32)
pkg_check_modules(ICU_UC REQUIRED IMPORTED_TARGET icu-uc)
target_link_libraries(stdlab_core PRIVATE PkgConfig::PCRE2_16 PkgConfig::PCRE2_32 PkgConfig::ICU_UC)
# sre's matching loop is an interpreter whose time is all in one function: GCC's -O3 runs it
# 1.2x faster than -O2 (RelWithDebInfo's), on the 200k differential's slowest case (seed 202).
set_source_files_properties(regex/sreengine.cpp PROPERTIES
    COMPILE_OPTIONS "$<$<NOT:$<CONFIG:Debug>>:-O3>")
