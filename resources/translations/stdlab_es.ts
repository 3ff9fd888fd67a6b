<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
    <context>
        <name>ChatPanel</name>
        <message>
            <source>Chat</source>
            <translation>Chat</translation>
        </message>
        <message>
            <source>Starting a server (%1) is not available in this build yet.</source>
            <translation>Iniciar un servidor (%1) aún no está disponible en esta versión.</translation>
        </message>
        <message>
            <source>Connecting (%1) is not available in this build yet.</source>
            <translation>Conectar (%1) aún no está disponible en esta versión.</translation>
        </message>
    </context>
    <context>
        <name>DatePanel</name>
        <message>
            <source>Dates</source>
            <translation>Fechas</translation>
        </message>
    </context>
    <context>
        <name>FilesPanel</name>
        <message>
            <source>Files</source>
            <translation>Archivos</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>StdLab</source>
            <translation>StdLab</translation>
        </message>
        <message>
            <source>Dates</source>
            <translation>Fechas</translation>
        </message>
        <message>
            <source>Regex</source>
            <translation>Regex</translation>
        </message>
        <message>
            <source>Files</source>
            <translation>Archivos</translation>
        </message>
        <message>
            <source>Chat</source>
            <translation>Chat</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>Listo</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Archivo</translation>
        </message>
        <message>
            <source>&amp;New Window</source>
            <translation>&amp;Nueva ventana</translation>
        </message>
        <message>
            <source>&amp;Close Window</source>
            <translation>&amp;Cerrar ventana</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Salir</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ver</translation>
        </message>
        <message>
            <source>Show &amp;Python Code</source>
            <translation>Mostrar código &amp;Python</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>A&amp;yuda</translation>
        </message>
        <message>
            <source>&amp;About StdLab</source>
            <translation>&amp;Acerca de StdLab</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>Acerca de &amp;Qt</translation>
        </message>
        <message>
            <source>About StdLab</source>
            <translation>Acerca de StdLab</translation>
        </message>
        <message>
            <source>&lt;h3&gt;StdLab %1&lt;/h3&gt;&lt;p&gt;A point-and-click lab for Python's standard library: dates (datetime), regular expressions (re), files (os, shutil) and sockets (socket, threading).&lt;/p&gt;&lt;p&gt;Every panel shows the equivalent Python code and agrees with CPython.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3).&lt;/p&gt;&lt;p&gt;Licensed under the MIT License.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;StdLab %1&lt;/h3&gt;&lt;p&gt;Un laboratorio visual de la biblioteca estándar de Python: fechas (datetime), expresiones regulares (re), archivos (os, shutil) y sockets (socket, threading).&lt;/p&gt;&lt;p&gt;Cada panel muestra el código Python equivalente y coincide con CPython.&lt;/p&gt;&lt;p&gt;Compilado con Qt %2 (ejecutándose con Qt %3).&lt;/p&gt;&lt;p&gt;Licencia MIT.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>PythonCodePane</name>
        <message>
            <source>Python equivalent</source>
            <translation>Equivalente en Python</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Copiar</translation>
        </message>
        <message>
            <source>Copy the Python code to the clipboard</source>
            <translation>Copiar el código Python al portapapeles</translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>Copiado</translation>
        </message>
    </context>
    <context>
        <name>RegexPanel</name>
        <message>
            <source>Regular expressions</source>
            <translation>Expresiones regulares</translation>
        </message>
    </context>
</TS>
