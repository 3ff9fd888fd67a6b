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
            <source>%1/s</source>
            <translation>%1/s</translation>
        </message>
        <message>
            <source>(last %1 entries kept)</source>
            <translation>(se conservan las últimas %1 entradas)</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Servidor</translation>
        </message>
        <message>
            <source>Listen for connections or datagrams</source>
            <translation>Esperar conexiones o datagramas</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>Cliente</translation>
        </message>
        <message>
            <source>Connect to a server, or send datagrams</source>
            <translation>Conectarse a un servidor o enviar datagramas</translation>
        </message>
        <message>
            <source>TCP: connections and streams; UDP: single datagrams</source>
            <translation>TCP: conexiones y flujos; UDP: datagramas sueltos</translation>
        </message>
        <message>
            <source>&amp;Mode:</source>
            <translation>&amp;Modo:</translation>
        </message>
        <message>
            <source>greet</source>
            <translation>saludo (greet)</translation>
        </message>
        <message>
            <source>echo</source>
            <translation>eco (echo)</translation>
        </message>
        <message>
            <source>chat</source>
            <translation>chat</translation>
        </message>
        <message>
            <source>room</source>
            <translation>sala (room)</translation>
        </message>
        <message>
            <source>Reads one message, replies with the greeting and closes (the course's first server)</source>
            <translation>Lee un mensaje, responde con el saludo y cierra (el primer servidor del curso)</translation>
        </message>
        <message>
            <source>Sends back everything a client sends until it says bye (the threaded server)</source>
            <translation>Devuelve todo lo que envía un cliente hasta que dice bye (el servidor con hilos)</translation>
        </message>
        <message>
            <source>1:1 chat: what you type goes to the chosen client, or all</source>
            <translation>Chat 1:1: lo que escribes va al cliente elegido, o a todos</translation>
        </message>
        <message>
            <source>Broadcast room: each line goes to everyone else; /nick NAME sets a nickname</source>
            <translation>Sala de difusión: cada línea llega a todos los demás; /nick NOMBRE fija un apodo</translation>
        </message>
        <message>
            <source>Echo back</source>
            <translation>Devolver (eco)</translation>
        </message>
        <message>
            <source>Send every datagram back to its sender</source>
            <translation>Devolver cada datagrama a quien lo envió</translation>
        </message>
        <message>
            <source>&amp;Bind:</source>
            <translation>&amp;Escuchar en:</translation>
        </message>
        <message>
            <source>This computer (127.0.0.1)</source>
            <translation>Este equipo (127.0.0.1)</translation>
        </message>
        <message>
            <source>LAN: all IPv4 interfaces (0.0.0.0)</source>
            <translation>Red local: todas las interfaces IPv4 (0.0.0.0)</translation>
        </message>
        <message>
            <source>LAN: all interfaces, IPv4 and IPv6 (::)</source>
            <translation>Red local: todas las interfaces, IPv4 e IPv6 (::)</translation>
        </message>
        <message>
            <source>Where the server accepts connections from. Only choose LAN if other computers must reach it: anyone on your network can then connect.</source>
            <translation>Desde dónde acepta conexiones el servidor. Elige la red local solo si otros equipos deben llegar a él: cualquiera en tu red podrá conectarse.</translation>
        </message>
        <message>
            <source>&amp;Port:</source>
            <translation>&amp;Puerto:</translation>
        </message>
        <message>
            <source>auto</source>
            <translation>auto</translation>
        </message>
        <message>
            <source>0 (auto) lets the system pick a free port</source>
            <translation>0 (auto) deja que el sistema elija un puerto libre</translation>
        </message>
        <message>
            <source>&amp;Threads:</source>
            <translation>&amp;Hilos:</translation>
        </message>
        <message>
            <source>Worker threads that serve the clients</source>
            <translation>Hilos de trabajo que atienden a los clientes</translation>
        </message>
        <message>
            <source>&amp;Greeting:</source>
            <translation>&amp;Saludo:</translation>
        </message>
        <message>
            <source>&amp;Host:</source>
            <translation>&amp;Host:</translation>
        </message>
        <message>
            <source>127.0.0.1 or a host name</source>
            <translation>127.0.0.1 o un nombre de host</translation>
        </message>
        <message>
            <source>P&amp;ort:</source>
            <translation>P&amp;uerto:</translation>
        </message>
        <message>
            <source>Conversation</source>
            <translation>Conversación</translation>
        </message>
        <message>
            <source>Save Log…</source>
            <translation>Guardar registro…</translation>
        </message>
        <message>
            <source>Save the conversation to a text file</source>
            <translation>Guardar la conversación en un archivo de texto</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Borrar</translation>
        </message>
        <message>
            <source>Clear the conversation</source>
            <translation>Borrar la conversación</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Enviar</translation>
        </message>
        <message>
            <source>Who receives what you type</source>
            <translation>Quién recibe lo que escribes</translation>
        </message>
        <message>
            <source>Traffic</source>
            <translation>Tráfico</translation>
        </message>
        <message>
            <source>Clients</source>
            <translation>Clientes</translation>
        </message>
        <message>
            <source>in</source>
            <translation>entrada</translation>
        </message>
        <message>
            <source>out</source>
            <translation>salida</translation>
        </message>
        <message>
            <source>Messages/s</source>
            <translation>Mensajes/s</translation>
        </message>
        <message>
            <source>Bytes/s</source>
            <translation>Bytes/s</translation>
        </message>
        <message>
            <source>Kick</source>
            <translation>Expulsar</translation>
        </message>
        <message>
            <source>Disconnect the selected clients</source>
            <translation>Desconectar a los clientes seleccionados</translation>
        </message>
        <message>
            <source>Clients (%1)</source>
            <translation>Clientes (%1)</translation>
        </message>
        <message>
            <source>Chat (%1)</source>
            <translation>Chat (%1)</translation>
        </message>
        <message>
            <source>All clients</source>
            <translation>Todos los clientes</translation>
        </message>
        <message>
            <source>Stop</source>
            <translation>Detener</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Iniciar</translation>
        </message>
        <message>
            <source>Disconnect</source>
            <translation>Desconectar</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>Conectar</translation>
        </message>
        <message>
            <source>Stopped. Choose a mode and a port (0 = automatic), then Start.</source>
            <translation>Detenido. Elige un modo y un puerto (0 = automático) y pulsa Iniciar.</translation>
        </message>
        <message>
            <source>Not connected.</source>
            <translation>Sin conexión.</translation>
        </message>
        <message>
            <source>UDP: each message you send is one datagram to %1:%2.</source>
            <translation>UDP: cada mensaje que envías es un datagrama a %1:%2.</translation>
        </message>
        <message>
            <source>Start the server to talk to its clients</source>
            <translation>Inicia el servidor para hablar con sus clientes</translation>
        </message>
        <message>
            <source>In %1 mode the server answers on its own</source>
            <translation>En modo %1 el servidor responde solo</translation>
        </message>
        <message>
            <source>A UDP server only receives</source>
            <translation>Un servidor UDP solo recibe</translation>
        </message>
        <message>
            <source>Connect to a server first</source>
            <translation>Conéctate antes a un servidor</translation>
        </message>
        <message>
            <source>Enter a host to send datagrams to</source>
            <translation>Escribe el host al que enviar los datagramas</translation>
        </message>
        <message>
            <source>Type a message: Enter sends, Shift+Enter adds a line, Up/Down recall earlier ones; bye ends the session</source>
            <translation>Escribe un mensaje: Intro envía, Mayús+Intro añade una línea, Arriba/Abajo recuperan los anteriores; bye termina la sesión</translation>
        </message>
        <message>
            <source>The network engine is not available in this build yet.</source>
            <translation>El motor de red aún no está disponible en esta versión.</translation>
        </message>
        <message>
            <source>Save Conversation</source>
            <translation>Guardar conversación</translation>
        </message>
        <message>
            <source>Log files (*.log *.txt);;All files (*)</source>
            <translation>Registros (*.log *.txt);;Todos los archivos (*)</translation>
        </message>
        <message>
            <source>Could not save the log to %1: %2</source>
            <translation>No se pudo guardar el registro en %1: %2</translation>
        </message>
        <message>
            <source>Log saved to %1</source>
            <translation>Registro guardado en %1</translation>
        </message>
        <message>
            <source>invalid --serve '%1': use tcp:PORT[:greet|echo|chat|room] or udp:PORT (PORT 0 = automatic)</source>
            <translation>--serve '%1' no válido: usa tcp:PUERTO[:greet|echo|chat|room] o udp:PUERTO (PUERTO 0 = automático)</translation>
        </message>
        <message>
            <source>invalid --connect '%1': use [tcp:|udp:]HOST:PORT, e.g. 127.0.0.1:1234</source>
            <translation>--connect '%1' no válido: usa [tcp:|udp:]HOST:PUERTO, p. ej. 127.0.0.1:1234</translation>
        </message>
    </context>
    <context>
        <name>ClientsModel</name>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n byte</numerusform>
                <numerusform>%n bytes</numerusform>
            </translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Dirección</translation>
        </message>
        <message>
            <source>Nickname</source>
            <translation>Apodo</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>Desde</translation>
        </message>
        <message>
            <source>In</source>
            <translation>Entrada</translation>
        </message>
        <message>
            <source>Out</source>
            <translation>Salida</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Mensajes</translation>
        </message>
        <message>
            <source>Thread</source>
            <translation>Hilo</translation>
        </message>
    </context>
    <context>
        <name>ConversationModel</name>
        <message numerus="yes">
            <source>%n older entries were trimmed (the log keeps the last %1).</source>
            <translation>
                <numerusform>Se recortó %n entrada antigua (el registro conserva las últimas %1).</numerusform>
                <numerusform>Se recortaron %n entradas antiguas (el registro conserva las últimas %1).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 %2, %n byte(s)</source>
            <translation>
                <numerusform>%1 %2, %n byte</numerusform>
                <numerusform>%1 %2, %n bytes</numerusform>
            </translation>
        </message>
        <message>
            <source>Received from</source>
            <translation>Recibido de</translation>
        </message>
        <message>
            <source>Sent to</source>
            <translation>Enviado a</translation>
        </message>
    </context>
    <context>
        <name>ConversationView</name>
        <message>
            <source>Show as Hex / Text</source>
            <translation>Ver en hex / texto</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Copiar</translation>
        </message>
        <message>
            <source>Show as Text</source>
            <translation>Ver como texto</translation>
        </message>
        <message>
            <source>Show as Hex</source>
            <translation>Ver en hex</translation>
        </message>
        <message>
            <source>Copy as Hex</source>
            <translation>Copiar en hex</translation>
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
        <name>FileOperations</name>
        <message>
            <source>Copy</source>
            <translation>Copiar</translation>
        </message>
        <message>
            <source>Move</source>
            <translation>Mover</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Eliminar</translation>
        </message>
        <message>
            <source>Move to trash</source>
            <translation>Mover a la papelera</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Tamaño</translation>
        </message>
    </context>
    <context>
        <name>FileWorker</name>
        <message>
            <source>The copy of %1 is incomplete: the source was kept.</source>
            <translation>La copia de %1 está incompleta: se ha conservado el origen.</translation>
        </message>
        <message>
            <source>The copy differs from the source at %1: the source was kept.</source>
            <translation>La copia difiere del origen en %1: se ha conservado el origen.</translation>
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
        <name>MessageInput</name>
        <message>
            <source>Type a message: Enter sends, Shift+Enter adds a line, Up/Down recall earlier ones</source>
            <translation>Escribe un mensaje: Intro envía, Mayús+Intro añade una línea, Arriba/Abajo recuperan los anteriores</translation>
        </message>
    </context>
    <context>
        <name>PythonCode</name>
        <message>
            <source>The standard library has no trash; the third-party send2trash package does it:</source>
            <translation>La biblioteca estándar no tiene papelera; el paquete externo send2trash sí:</translation>
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
    <context>
        <name>StatsGraph</name>
        <message>
            <source>Messages per second: received (filled) and sent (line)</source>
            <translation>Mensajes por segundo: recibidos (relleno) y enviados (línea)</translation>
        </message>
        <message>
            <source>%1 msg/s</source>
            <translation>%1 msj/s</translation>
        </message>
        <message>
            <source>no traffic yet</source>
            <translation>aún no hay tráfico</translation>
        </message>
    </context>
    <context>
        <name>Trash</name>
        <message>
            <source>The item does not exist.</source>
            <translation>El elemento no existe.</translation>
        </message>
        <message>
            <source>The item's folder cannot be resolved.</source>
            <translation>No se puede resolver la carpeta del elemento.</translation>
        </message>
        <message>
            <source>The item is inside the trash.</source>
            <translation>El elemento ya está en la papelera.</translation>
        </message>
        <message>
            <source>There is no trash on the filesystem of this item (%1), and it cannot be created.</source>
            <translation>No hay papelera en el sistema de archivos de este elemento (%1) y no se puede crear.</translation>
        </message>
    </context>
    <context>
        <name>stdlab::files::TemporaryItems</name>
        <message>
            <source>Could not remove %1</source>
            <translation>No se pudo eliminar %1</translation>
        </message>
        <message>
            <source>%1 is not a temporary item made here</source>
            <translation>%1 no es un elemento temporal creado aquí</translation>
        </message>
    </context>
</TS>
