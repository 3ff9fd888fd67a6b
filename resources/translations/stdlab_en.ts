<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>BatchRenameDialog</name>
        <message numerus="yes">
            <source>%n file(s) to rename</source>
            <translation>
                <numerusform>%n file to rename</numerusform>
                <numerusform>%n files to rename</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n name(s) cannot be used: nothing will be renamed</source>
            <translation>
                <numerusform>%n name cannot be used: nothing will be renamed</numerusform>
                <numerusform>%n names cannot be used: nothing will be renamed</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ChatPanel</name>
        <message numerus="yes">
            <source>%1 mode, %n worker thread(s)</source>
            <translation>
                <numerusform>%1 mode, %n worker thread</numerusform>
                <numerusform>%1 mode, %n worker threads</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>R&amp;ules (%n)…</source>
            <translation>
                <numerusform>R&amp;ules (%n)…</numerusform>
                <numerusform>R&amp;ules (%n)…</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ChatPythonCode</name>
        <message numerus="yes">
            <source>The last file this window sent (%Ln byte(s)), framed as above:</source>
            <translation>
                <numerusform>The last file this window sent (%Ln byte), framed as above:</numerusform>
                <numerusform>The last file this window sent (%Ln bytes), framed as above:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ChecksumDialog</name>
        <message numerus="yes">
            <source>Hashing %n file(s)…</source>
            <translation>
                <numerusform>Hashing %n file…</numerusform>
                <numerusform>Hashing %n files…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) could not be read.</source>
            <translation>
                <numerusform>%n file could not be read.</numerusform>
                <numerusform>%n files could not be read.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) hashed.</source>
            <translation>
                <numerusform>%n file hashed.</numerusform>
                <numerusform>%n files hashed.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n line(s) are not "HEX  NAME"</source>
            <translation>
                <numerusform>%n line is not "HEX  NAME"</numerusform>
                <numerusform>%n lines are not "HEX  NAME"</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ChunksView</name>
        <message numerus="yes">
            <source>Sender's send() calls known for %1 of %n connection(s)</source>
            <translation>
                <numerusform>Sender's send() calls known for %1 of %n connection</numerusform>
                <numerusform>Sender's send() calls known for %1 of %n connections</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n older read(s) trimmed</source>
            <translation>
                <numerusform>%n older read trimmed</numerusform>
                <numerusform>%n older reads trimmed</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CourseDock</name>
        <message numerus="yes">
            <source>%n of %1 hidden sample(s) gave another result. The first one:</source>
            <translation>
                <numerusform>%n of %1 hidden samples gave another result. It is this one:</numerusform>
                <numerusform>%n of %1 hidden samples gave another result. The first one:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FilesPanel</name>
        <message numerus="yes">
            <source>%n folder(s)</source>
            <translation>
                <numerusform>%n folder</numerusform>
                <numerusform>%n folders</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n file</numerusform>
                <numerusform>%n files</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n hidden or filtered out</source>
            <translation>
                <numerusform>%n hidden or filtered out</numerusform>
                <numerusform>%n hidden or filtered out</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n selected</source>
            <translation>
                <numerusform>%n selected</numerusform>
                <numerusform>%n selected</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, … %n more]</source>
            <translation>
                <numerusform>, … %n more]</numerusform>
                <numerusform>, … %n more]</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s)</source>
            <translation>
                <numerusform>%n item</numerusform>
                <numerusform>%n items</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Permanently delete %1?

This removes %n file(s)</source>
            <translation>
                <numerusform>Permanently delete %1?

This removes %n file</numerusform>
                <numerusform>Permanently delete %1?

This removes %n files</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> and %n folder(s)</source>
            <translation>
                <numerusform> and %n folder</numerusform>
                <numerusform> and %n folders</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: %n file(s)</source>
            <translation>
                <numerusform>%1: %n file</numerusform>
                <numerusform>%1: %n files</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n folder(s)</source>
            <translation>
                <numerusform>, %n folder</numerusform>
                <numerusform>, %n folders</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 failed for %n item(s): </source>
            <translation>
                <numerusform>%1 failed for %n item: </numerusform>
                <numerusform>%1 failed for %n items: </numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) copied to the clipboard.</source>
            <translation>
                <numerusform>%n item copied to the clipboard.</numerusform>
                <numerusform>%n items copied to the clipboard.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) cut: paste to move them.</source>
            <translation>
                <numerusform>%n item cut: paste to move it.</numerusform>
                <numerusform>%n items cut: paste to move them.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n temporary item(s) removed.</source>
            <translation>
                <numerusform>%n temporary item removed.</numerusform>
                <numerusform>%n temporary items removed.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n byte</numerusform>
                <numerusform>%n bytes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Nothing was renamed: %n name(s) cannot be used.</source>
            <translation>
                <numerusform>Nothing was renamed: %n name cannot be used.</numerusform>
                <numerusform>Nothing was renamed: %n names cannot be used.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) renamed.</source>
            <translation>
                <numerusform>%n file renamed.</numerusform>
                <numerusform>%n files renamed.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1: %n file(s) read back and equal to the source (BLAKE2b).</source>
            <translation>
                <numerusform>%1: %n file read back and equal to the source (BLAKE2b).</numerusform>
                <numerusform>%1: %n files read back and equal to the source (BLAKE2b).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n member(s) refused by the "data" filter (not extracted):</source>
            <translation>
                <numerusform>%n member refused by the "data" filter (not extracted):</numerusform>
                <numerusform>%n members refused by the "data" filter (not extracted):</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) already there, kept (not replaced):</source>
            <translation>
                <numerusform>%n file already there, kept (not replaced):</numerusform>
                <numerusform>%n files already there, kept (not replaced):</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unpacked %n file(s); </source>
            <translation>
                <numerusform>Unpacked %n file; </numerusform>
                <numerusform>Unpacked %n files; </numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n member(s) not extracted: </source>
            <translation>
                <numerusform>%n member not extracted: </numerusform>
                <numerusform>%n members not extracted: </numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Made %1: %n file(s)</source>
            <translation>
                <numerusform>Made %1: %n file</numerusform>
                <numerusform>Made %1: %n files</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unpacked %n file(s)</source>
            <translation>
                <numerusform>Unpacked %n file</numerusform>
                <numerusform>Unpacked %n files</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OperationsView</name>
        <message numerus="yes">
            <source>“%1” and %n more</source>
            <translation>
                <numerusform>“%1” and %n more</numerusform>
                <numerusform>“%1” and %n more</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Counting… %n file(s), %1</source>
            <translation>
                <numerusform>Counting… %n file, %1</numerusform>
                <numerusform>Counting… %n files, %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 of %n file(s)</source>
            <translation>
                <numerusform>%1 of %n file</numerusform>
                <numerusform>%1 of %n files</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Done: %n file(s)</source>
            <translation>
                <numerusform>Done: %n file</numerusform>
                <numerusform>Done: %n files</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n folder(s)</source>
            <translation>
                <numerusform>, %n folder</numerusform>
                <numerusform>, %n folders</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n skipped.</source>
            <translation>
                <numerusform>%n skipped.</numerusform>
                <numerusform>%n skipped.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n error(s):</source>
            <translation>
                <numerusform>%n error:</numerusform>
                <numerusform>%n errors:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PlanDialog</name>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n file</numerusform>
                <numerusform>%n files</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> (%n symbolic link(s))</source>
            <translation>
                <numerusform> (%n symbolic link)</numerusform>
                <numerusform> (%n symbolic links)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n folder(s)</source>
            <translation>
                <numerusform>, %n folder</numerusform>
                <numerusform>, %n folders</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n name(s) already taken: see below what happens to each.</source>
            <translation>
                <numerusform>%n name already taken: see below what happens to each.</numerusform>
                <numerusform>%n names already taken: see below what happens to each.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cannot be undone: %n file(s) replaced (their old contents are lost).</source>
            <translation>
                <numerusform>Cannot be undone: %n file replaced (their old contents are lost).</numerusform>
                <numerusform>Cannot be undone: %n files replaced (their old contents are lost).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not undone as one step: %n folder(s) merged into (what was there stays mixed with what comes).</source>
            <translation>
                <numerusform>Not undone as one step: %n folder merged into (what was there stays mixed with what comes).</numerusform>
                <numerusform>Not undone as one step: %n folders merged into (what was there stays mixed with what comes).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) would be refused: see below.</source>
            <translation>
                <numerusform>%n item would be refused: see below.</numerusform>
                <numerusform>%n items would be refused: see below.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… and %n more</numerusform>
                <numerusform>… and %n more</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RegexExplain</name>
        <message numerus="yes">
            <source>exactly %n time(s)</source>
            <translation>
                <numerusform>exactly %n time</numerusform>
                <numerusform>exactly %n times</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>one of %n alternative(s), tried from left to right; the first that lets the rest match wins:</source>
            <translation>
                <numerusform>one of %n alternative, tried from left to right; the first that lets the rest match wins:</numerusform>
                <numerusform>one of %n alternatives, tried from left to right; the first that lets the rest match wins:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RegexRailroad</name>
        <message numerus="yes">
            <source>%n or more</source>
            <translation>
                <numerusform>%n or more</numerusform>
                <numerusform>%n or more</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>exactly %n time(s)</source>
            <translation>
                <numerusform>exactly %n time</numerusform>
                <numerusform>exactly %n times</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SequenceDiagram</name>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n byte</numerusform>
                <numerusform>%n bytes</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>stdlab::chat::ChatSession</name>
        <message numerus="yes">
            <source>all (%n client(s))</source>
            <translation>
                <numerusform>all (%n client)</numerusform>
                <numerusform>all (%n clients)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>stdlab::chat::ChunkModel</name>
        <message numerus="yes">
            <source>%n sends glued: %1</source>
            <translation>
                <numerusform>%n send: %1</numerusform>
                <numerusform>%n sends glued: %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>stdlab::chat::ClientsModel</name>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n byte</numerusform>
                <numerusform>%n bytes</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>stdlab::chat::ConversationModel</name>
        <message numerus="yes">
            <source>%n older entries were trimmed (the log keeps the last %1).</source>
            <translation>
                <numerusform>%n older entry was trimmed (the log keeps the last %1).</numerusform>
                <numerusform>%n older entries were trimmed (the log keeps the last %1).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 %2, %n byte(s)</source>
            <translation>
                <numerusform>%1 %2, %n byte</numerusform>
                <numerusform>%1 %2, %n bytes</numerusform>
            </translation>
        </message>
    </context>
</TS>
