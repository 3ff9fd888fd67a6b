<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
    <context>
        <name>BatchRename</name>
        <message>
            <source>'%1' is not the file that was previewed (it was replaced or renamed since): nothing was renamed.</source>
            <translation>'%1' no es el archivo de la vista previa (fue reemplazado o renombrado después): no se renombró nada.</translation>
        </message>
    </context>
    <context>
        <name>BatchRenameDialog</name>
        <message>
            <source>Rename with re.sub</source>
            <translation>Renombrar con re.sub</translation>
        </message>
        <message>
            <source>e.g. ^IMG_(\d+)</source>
            <translation>p. ej. ^IMG_(\d+)</translation>
        </message>
        <message>
            <source>e.g. photo-\1 (\1, \g&lt;name&gt;, \g&lt;0&gt;)</source>
            <translation>p. ej. foto-\1 (\1, \g&lt;name&gt;, \g&lt;0&gt;)</translation>
        </message>
        <message>
            <source>Pattern:</source>
            <translation>Patrón:</translation>
        </message>
        <message>
            <source>Replacement:</source>
            <translation>Reemplazo:</translation>
        </message>
        <message>
            <source>Ignore case (re.IGNORECASE)</source>
            <translation>Ignorar mayúsculas (re.IGNORECASE)</translation>
        </message>
        <message>
            <source>ASCII only (re.ASCII)</source>
            <translation>Solo ASCII (re.ASCII)</translation>
        </message>
        <message>
            <source>Flags:</source>
            <translation>Opciones:</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>New name</source>
            <translation>Nombre nuevo</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Nota</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation>&amp;Renombrar</translation>
        </message>
        <message>
            <source>no longer there</source>
            <translation>ya no está</translation>
        </message>
        <message>
            <source>not a valid name (empty, '.', '..', a '/' or over 255 bytes)</source>
            <translation>no es un nombre válido (vacío, '.', '..', una '/' o más de 255 bytes)</translation>
        </message>
        <message>
            <source>collision: another file gets or keeps this name</source>
            <translation>colisión: otro archivo recibe o conserva este nombre</translation>
        </message>
        <message>
            <source>collision: a file that is not renamed has this name</source>
            <translation>colisión: un archivo que no se renombra tiene este nombre</translation>
        </message>
        <message>
            <source>selected twice</source>
            <translation>seleccionado dos veces</translation>
        </message>
        <message>
            <source>unchanged</source>
            <translation>sin cambios</translation>
        </message>
        <message>
            <source>case only: the same name on Windows, macOS and FAT drives</source>
            <translation>solo mayúsculas/minúsculas: el mismo nombre en Windows, macOS y unidades FAT</translation>
        </message>
        <message>
            <source>Type a pattern: each name becomes re.sub(pattern, replacement, name).</source>
            <translation>Escribe un patrón: cada nombre pasa a ser re.sub(patrón, reemplazo, nombre).</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) to rename</source>
            <translation>
                <numerusform>%n archivo por renombrar</numerusform>
                <numerusform>%n archivos por renombrar</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n name(s) cannot be used: nothing will be renamed</source>
            <translation>
                <numerusform>%n nombre no se puede usar: no se renombrará nada</numerusform>
                <numerusform>%n nombres no se pueden usar: no se renombrará nada</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ChatDialogPrompter</name>
        <message>
            <source>Save Conversation</source>
            <translation>Guardar conversación</translation>
        </message>
        <message>
            <source>Log files (*.log *.txt);;All files (*)</source>
            <translation>Registros (*.log *.txt);;Todos los archivos (*)</translation>
        </message>
        <message>
            <source>Export Sequence Diagram</source>
            <translation>Exportar diagrama de secuencia</translation>
        </message>
        <message>
            <source>PNG image (*.png);;SVG drawing (*.svg)</source>
            <translation>Imagen PNG (*.png);;Dibujo SVG (*.svg)</translation>
        </message>
        <message>
            <source>Send File</source>
            <translation>Enviar fichero</translation>
        </message>
    </context>
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
        <message>
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <source>Connecting to %1:%2…</source>
            <translation>Conectando con %1:%2…</translation>
        </message>
        <message>
            <source>choose another port, or 0 for an automatic one (another server, or another StdLab window, is listening there).</source>
            <translation>elige otro puerto, o 0 para uno automático (otro servidor, u otra ventana de StdLab, escucha en él).</translation>
        </message>
        <message>
            <source>choose a port from 1024 up, or 0 for an automatic one.</source>
            <translation>elige un puerto a partir de 1024, o 0 para uno automático.</translation>
        </message>
        <message>
            <source>choose "This computer (127.0.0.1)" under Bind.</source>
            <translation>elige «Este equipo (127.0.0.1)» en Escuchar en.</translation>
        </message>
        <message>
            <source>start a server there first (the Server role of another window, or nc -l %1), or check the host and the port.</source>
            <translation>inicia antes un servidor allí (el papel Servidor de otra ventana, o nc -l %1), o revisa el host y el puerto.</translation>
        </message>
        <message>
            <source>check its spelling, or use an address such as 127.0.0.1.</source>
            <translation>revisa cómo está escrito, o usa una dirección como 127.0.0.1.</translation>
        </message>
        <message>
            <source>check the host and the port, and that no firewall drops the connection.</source>
            <translation>revisa el host y el puerto, y que ningún cortafuegos descarte la conexión.</translation>
        </message>
        <message>
            <source>Connected to %1. Type below: Enter sends, bye ends the session.</source>
            <translation>Conectado a %1. Escribe abajo: Intro envía, bye termina la sesión.</translation>
        </message>
        <message numerus="yes">
            <source>%1 mode, %n worker thread(s)</source>
            <translation>
                <numerusform>modo %1, %n hilo de trabajo</numerusform>
                <numerusform>modo %1, %n hilos de trabajo</numerusform>
            </translation>
        </message>
        <message>
            <source>UDP, echoing every datagram</source>
            <translation>UDP, devolviendo cada datagrama</translation>
        </message>
        <message>
            <source>UDP</source>
            <translation>UDP</translation>
        </message>
        <message>
            <source>Listening on %1 (%2). Connect from another window, or from a terminal: %3</source>
            <translation>Escuchando en %1 (%2). Conéctate desde otra ventana o desde una terminal: %3</translation>
        </message>
        <message>
            <source>Enter the server's host, e.g. 127.0.0.1.</source>
            <translation>Escribe el host del servidor, p. ej. 127.0.0.1.</translation>
        </message>
        <message>
            <source>Start a TCP server in chat or room mode to send.</source>
            <translation>Inicia un servidor TCP en modo chat o sala para enviar.</translation>
        </message>
        <message>
            <source>That client has left; choose another recipient.</source>
            <translation>Ese cliente se ha ido; elige otro destinatario.</translation>
        </message>
        <message>
            <source>No client is connected yet: connect one (another window, or nc 127.0.0.1 %1), then send.</source>
            <translation>Aún no hay ningún cliente conectado: conecta uno (otra ventana, o nc 127.0.0.1 %1) y envía.</translation>
        </message>
        <message>
            <source>Not connected: connect to a server first.</source>
            <translation>Sin conexión: conéctate antes a un servidor.</translation>
        </message>
        <message>
            <source>A UDP datagram holds at most %1 bytes; this message has %2. Send a shorter one, or use TCP.</source>
            <translation>Un datagrama UDP admite como mucho %1 bytes; este mensaje tiene %2. Envía uno más corto, o usa TCP.</translation>
        </message>
        <message>
            <source>Could not send the datagram to %1:%2: check the host and the port.</source>
            <translation>No se pudo enviar el datagrama a %1:%2: revisa el host y el puerto.</translation>
        </message>
        <message>
            <source>Disconnected: %1. Connect again when ready.</source>
            <translation>Desconectado: %1. Vuelve a conectar cuando quieras.</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>Conectando…</translation>
        </message>
        <message>
            <source>Server protocol</source>
            <translation>Protocolo del servidor</translation>
        </message>
        <message>
            <source>Client protocol</source>
            <translation>Protocolo del cliente</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>Destinatario</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Mensaje</translation>
        </message>
        <message>
            <source>Connected clients</source>
            <translation>Clientes conectados</translation>
        </message>
        <message>
            <source>every IPv4 and IPv6 address (dual-stack), port %1</source>
            <translation>todas las direcciones IPv4 e IPv6 (doble pila), puerto %1</translation>
        </message>
        <message>
            <source>LAN: IPv4 and IPv6, dual-stack (::)</source>
            <translation>Red local: IPv4 e IPv6, doble pila (::)</translation>
        </message>
        <message>
            <source>rules</source>
            <translation>reglas (rules)</translation>
        </message>
        <message>
            <source>Reply rules: each line gets the reply of the first rule whose pattern matches it</source>
            <translation>Reglas de respuesta: cada línea recibe la respuesta de la primera regla cuyo patrón encaja con ella</translation>
        </message>
        <message>
            <source>Fix the rules first: %1</source>
            <translation>Corrige antes las reglas: %1</translation>
        </message>
        <message numerus="yes">
            <source>R&amp;ules (%n)…</source>
            <translation>
                <numerusform>Reg&amp;las (%n)…</numerusform>
                <numerusform>Reg&amp;las (%n)…</numerusform>
            </translation>
        </message>
        <message>
            <source>The rules and the default reply of the rules mode</source>
            <translation>Las reglas y la respuesta por defecto del modo reglas</translation>
        </message>
        <message>
            <source>Reply Rules</source>
            <translation>Reglas de respuesta</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Mensajes</translation>
        </message>
        <message>
            <source>Reads (recv)</source>
            <translation>Lecturas (recv)</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>Mostrar</translation>
        </message>
        <message>
            <source>Sequence</source>
            <translation>Secuencia</translation>
        </message>
        <message>
            <source>Show the conversation as messages, as the reads that received it (one row per recv()), or as a sequence diagram of a connection's socket calls</source>
            <translation>Mostrar la conversación como mensajes, como las lecturas que la recibieron (una fila por recv()) o como un diagrama de secuencia de las llamadas de socket de una conexión</translation>
        </message>
        <message>
            <source>Not sent: %1 (hex: two digits per byte, e.g. 48 65 6c).</source>
            <translation>No enviado: %1 (hex: dos cifras por byte, p. ej. 48 65 6c).</translation>
        </message>
        <message>
            <source>Not sent: %1 (escapes as in Python's b'…': \x00 \r \n \t, \\ for a backslash).</source>
            <translation>No enviado: %1 (escapes como en b'…' de Python: \x00 \r \n \t, \\ para una barra invertida).</translation>
        </message>
        <message>
            <source>Send File…</source>
            <translation>Enviar fichero…</translation>
        </message>
        <message>
            <source>Cancel (%1%)</source>
            <translation>Cancelar (%1%)</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Texto</translation>
        </message>
        <message>
            <source>b'…'</source>
            <translation>b'…'</translation>
        </message>
        <message>
            <source>Hex</source>
            <translation>Hex</translation>
        </message>
        <message>
            <source>What you type is sent as UTF-8 text</source>
            <translation>Lo que escribes se envía como texto UTF-8</translation>
        </message>
        <message>
            <source>Escapes as in Python's bytes literals: \x00 \r \n \t \\ \xff (other characters as UTF-8)</source>
            <translation>Escapes como en los literales bytes de Python: \x00 \r \n \t \\ \xff (los demás caracteres, en UTF-8)</translation>
        </message>
        <message>
            <source>Hexadecimal bytes, as bytes.fromhex() reads them: 48 65 6c</source>
            <translation>Bytes en hexadecimal, como los lee bytes.fromhex(): 48 65 6c</translation>
        </message>
        <message>
            <source>How what you type becomes the bytes sent</source>
            <translation>Cómo se convierte lo que escribes en los bytes enviados</translation>
        </message>
        <message>
            <source>Input as</source>
            <translation>Entrada como</translation>
        </message>
        <message>
            <source>Type bytes as in Python's b'…': \x00 \r\n \t \xff; Enter sends</source>
            <translation>Escribe bytes como en b'…' de Python: \x00 \r\n \t \xff; Intro envía</translation>
        </message>
        <message>
            <source>Type bytes in hex, e.g. 48 65 6c 6c 6f; Enter sends</source>
            <translation>Escribe bytes en hexadecimal, p. ej. 48 65 6c 6c 6f; Intro envía</translation>
        </message>
        <message>
            <source>Sending a file: wait for it, or Cancel</source>
            <translation>Enviando un fichero: espera o cancela</translation>
        </message>
        <message>
            <source>Not sent: %1</source>
            <translation>No enviado: %1</translation>
        </message>
        <message>
            <source>Send a file's bytes to the server, or to the client chosen, framed as the framing says (read a piece at a time: any size)</source>
            <translation>Envía los bytes de un fichero al servidor, o al cliente elegido, en tramas según la elección (se lee por partes: cualquier tamaño)</translation>
        </message>
    </context>
    <context>
        <name>ChatPythonCode</name>
        <message>
            <source>Try it from another terminal: %1</source>
            <translation>Pruébalo desde otra terminal: %1</translation>
        </message>
        <message>
            <source>SO_REUSEADDR: a restarted server binds at once, even while old connections wait in
TIME_WAIT (without it: "Address already in use").</source>
            <translation>SO_REUSEADDR: un servidor reiniciado se vincula al momento, aunque conexiones antiguas
esperen en TIME_WAIT (sin él: "Address already in use").</translation>
        </message>
        <message>
            <source>"::" with IPV6_V6ONLY off: IPv6 and IPv4 clients alike (dual stack).</source>
            <translation>"::" con IPV6_V6ONLY desactivado: clientes IPv6 e IPv4 por igual (doble pila).</translation>
        </message>
        <message>
            <source>0: the system chose a free port</source>
            <translation>0: el sistema eligió un puerto libre</translation>
        </message>
        <message>
            <source>The course's first TCP server (greet): reads one message, prints who sent it,
replies with the greeting and closes the connection.</source>
            <translation>El primer servidor TCP del curso (saludo): lee un mensaje, muestra quién lo envió,
responde con el saludo y cierra la conexión.</translation>
        </message>
        <message>
            <source>The course's threaded echo server: one ClientThread per client sends back
everything it receives until the client says bye or closes.</source>
            <translation>El servidor de eco con hilos del curso: un ClientThread por cliente devuelve
todo lo que recibe hasta que el cliente dice bye o cierra.</translation>
        </message>
        <message>
            <source>The course's 1:1 chat server: what the client sends is printed, what you type is
sent to it; bye from either side ends the chat.</source>
            <translation>El servidor de chat 1:1 del curso: se muestra lo que envía el cliente y se le envía
lo que escribes; bye desde cualquiera de los dos lados termina el chat.</translation>
        </message>
        <message>
            <source>A thread of its own, so that messages show up while input() waits.</source>
            <translation>En un hilo propio, para que los mensajes aparezcan mientras input() espera.</translation>
        </message>
        <message>
            <source>A broadcast room (like ncat --chat): each line a client sends goes to all the
others, prefixed with its name; /nick NAME sets a nickname; bye leaves.</source>
            <translation>Una sala de difusión (como ncat --chat): cada línea que envía un cliente llega a todos
los demás, precedida de su nombre; /nick NOMBRE fija un apodo; bye sale.</translation>
        </message>
        <message>
            <source>that client is leaving; its own thread cleans up</source>
            <translation>ese cliente se está yendo; su propio hilo limpia</translation>
        </message>
        <message>
            <source>65535: the largest datagram; a smaller buffer would cut longer ones.</source>
            <translation>65535: el datagrama más grande; un búfer menor cortaría los más largos.</translation>
        </message>
        <message>
            <source>The course's UDP server: prints each datagram and its sender, and sends it back.</source>
            <translation>El servidor UDP del curso: muestra cada datagrama y su remitente, y se lo devuelve.</translation>
        </message>
        <message>
            <source>The course's UDP server: prints each datagram and its sender (no connection, no reply).</source>
            <translation>El servidor UDP del curso: muestra cada datagrama y su remitente (sin conexión, sin respuesta).</translation>
        </message>
        <message>
            <source>a UDP server in another StdLab window, or nc -u -l %1</source>
            <translation>un servidor UDP en otra ventana de StdLab, o nc -u -l %1</translation>
        </message>
        <message>
            <source>a server in another StdLab window, or nc -l %1</source>
            <translation>un servidor en otra ventana de StdLab, o nc -l %1</translation>
        </message>
        <message>
            <source>The course's first TCP client: sends one message and prints the server's reply.</source>
            <translation>El primer cliente TCP del curso: envía un mensaje y muestra la respuesta del servidor.</translation>
        </message>
        <message>
            <source>The course's interactive TCP client: sends each line you type, prints what the
server sends; bye ends the session.</source>
            <translation>El cliente TCP interactivo del curso: envía cada línea que escribes y muestra lo que
envía el servidor; bye termina la sesión.</translation>
        </message>
        <message>
            <source>A thread of its own, so that replies show up while input() waits.</source>
            <translation>En un hilo propio, para que las respuestas aparezcan mientras input() espera.</translation>
        </message>
        <message>
            <source>The course's UDP client: one UTF-8 datagram (accents included); no connection, no reply expected.</source>
            <translation>El cliente UDP del curso: un datagrama UTF-8 (con tildes); sin conexión ni respuesta esperada.</translation>
        </message>
        <message>
            <source>The course's UDP client: each line you type is one datagram; replies (an echo
server) are printed as they come; bye ends.</source>
            <translation>El cliente UDP del curso: cada línea que escribes es un datagrama; las respuestas (de un
servidor de eco) se muestran según llegan; bye termina.</translation>
        </message>
        <message>
            <source>The ICMP "port unreachable" of an earlier datagram.</source>
            <translation>El ICMP "port unreachable" de un datagrama anterior.</translation>
        </message>
        <message>
            <source>Connecting a UDP socket only fixes the destination: no packet is sent.</source>
            <translation>Conectar un socket UDP solo fija el destino: no se envía ningún paquete.</translation>
        </message>
        <message>
            <source>A server with reply rules: each line a client sends is answered by the first rule
whose pattern matches the whole line (re.fullmatch), its reply expanded like
Match.expand (\1, \g&lt;name&gt;, \g&lt;0&gt;); no rule matching: the default reply, if any.</source>
            <translation>Un servidor con reglas de respuesta: cada línea que envía un cliente recibe la respuesta de la
primera regla cuyo patrón encaja con la línea entera (re.fullmatch), expandida como en
Match.expand (\1, \g&lt;name&gt;, \g&lt;0&gt;); si ninguna encaja: la respuesta por defecto, si la hay.</translation>
        </message>
        <message>
            <source>TCP is a byte stream: one recv() may hold half a line, or several.</source>
            <translation>TCP es un flujo de bytes: un recv() puede traer media línea, o varias.</translation>
        </message>
        <message>
            <source>the last line, unterminated, when the client closes</source>
            <translation>la última línea, sin terminar, cuando el cliente cierra</translation>
        </message>
        <message>
            <source>TLS: the server proves who it is with its certificate and key; a client trusts CERT_FILE
(cafile=CERT_FILE). The handshake runs at each client's first recv()/send(): one
that fails raises ssl.SSLError, an OSError.</source>
            <translation>TLS: el servidor demuestra quién es con su certificado y su clave; un cliente confía en
CERT_FILE (cafile=CERT_FILE). El saludo se hace en el primer recv()/send() de cada
cliente: si falla, lanza ssl.SSLError, que es un OSError.</translation>
        </message>
        <message>
            <source>TLS: the server's certificate must be signed by a CA this system trusts and name HOST.</source>
            <translation>TLS: el certificado del servidor debe estar firmado por una CA de este sistema y nombrar HOST.</translation>
        </message>
        <message>
            <source>TLS: only the certificates in CA_FILE are trusted (a self-signed server's own certificate),
and the certificate must name HOST.</source>
            <translation>TLS: solo se confía en los certificados de CA_FILE (el propio certificado de un servidor
autofirmado), y el certificado debe nombrar HOST.</translation>
        </message>
        <message>
            <source>TLS: exactly the certificate with this SHA-256 fingerprint is trusted (checked after
connect(); the CAs and the name are not).</source>
            <translation>TLS: se confía exactamente en el certificado con esta huella SHA-256 (se comprueba tras
connect(); ni las CA ni el nombre).</translation>
        </message>
        <message>
            <source>TLS without checking the certificate: encrypted, but anyone may be at the other end.</source>
            <translation>TLS sin comprobar el certificado: cifrado, pero al otro lado puede haber cualquiera.</translation>
        </message>
        <message>
            <source>The server's certificate is not the pinned one: connection refused</source>
            <translation>El certificado del servidor no es el fijado: conexión rechazada</translation>
        </message>
        <message>
            <source>a TLS server in another StdLab window, or stdlab serve tcp --tls --port %1</source>
            <translation>un servidor TLS en otra ventana de StdLab, o stdlab serve tcp --tls --port %1</translation>
        </message>
        <message>
            <source>One recv() may return fewer bytes than asked for: loop until there are n (fewer
only when the other end closed).</source>
            <translation>Un recv() puede devolver menos bytes de los pedidos: repite hasta tener n (menos
solo si el otro extremo cerró).</translation>
        </message>
        <message>
            <source>Raw: no framing. Each recv() is a message, whatever it holds: two sends may arrive
glued together, one send in pieces.</source>
            <translation>Sin delimitar: cada recv() es un mensaje, traiga lo que traiga: dos envíos pueden
llegar pegados y uno solo, en trozos.</translation>
        </message>
        <message>
            <source>StdLab closes a connection that announces more</source>
            <translation>StdLab cierra una conexión que anuncia más</translation>
        </message>
        <message>
            <source>Length-prefixed: each message is a 4-byte big-endian length (struct "!I"), then that
many bytes.</source>
            <translation>Con prefijo de longitud: cada mensaje es una longitud de 4 bytes big-endian
(struct "!I") seguida de esos bytes.</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>cerrado</translation>
        </message>
        <message>
            <source>too long: hang up, as StdLab does</source>
            <translation>demasiado largo: se cuelga, como hace StdLab</translation>
        </message>
        <message>
            <source>bytes per message</source>
            <translation>bytes por mensaje</translation>
        </message>
        <message>
            <source>Fixed size: every message is SIZE bytes; a shorter one is padded with NUL bytes, a longer
one goes as several.</source>
            <translation>Tamaño fijo: cada mensaje ocupa SIZE bytes; uno más corto se rellena con bytes NUL y
uno más largo va en varios.</translation>
        </message>
        <message>
            <source>ssl.SSLError: this client's handshake failed</source>
            <translation>ssl.SSLError: falló el handshake de este cliente</translation>
        </message>
        <message>
            <source>closed before a whole message: no greeting</source>
            <translation>cerró antes de un mensaje completo: sin saludo</translation>
        </message>
        <message>
            <source>a server in another StdLab window, or stdlab serve tcp --port %1 --mode echo --framing %2</source>
            <translation>un servidor en otra ventana de StdLab, o stdlab serve tcp --port %1 --mode echo --framing %2</translation>
        </message>
        <message numerus="yes">
            <source>The last file this window sent (%Ln byte(s)), framed as above:</source>
            <translation>
                <numerusform>El último fichero que envió esta ventana (%Ln byte), en tramas como arriba:</numerusform>
                <numerusform>El último fichero que envió esta ventana (%Ln bytes), en tramas como arriba:</numerusform>
            </translation>
        </message>
        <message>
            <source>the first %1 of %2 bytes</source>
            <translation>los primeros %1 de %2 bytes</translation>
        </message>
        <message>
            <source>The last message this window sent, byte for byte:</source>
            <translation>El último mensaje que envió esta ventana, byte a byte:</translation>
        </message>
    </context>
    <context>
        <name>ChecksumDialog</name>
        <message>
            <source>Checksums</source>
            <translation>Sumas de verificación</translation>
        </message>
        <message>
            <source>Algorithm (hashlib):</source>
            <translation>Algoritmo (hashlib):</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Archivo</translation>
        </message>
        <message>
            <source>Digest</source>
            <translation>Resumen</translation>
        </message>
        <message>
            <source>Compared</source>
            <translation>Comparación</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <source>Compare with a hash, or paste a SHA256SUMS file:</source>
            <translation>Comparar con un hash, o pegar un archivo SHA256SUMS:</translation>
        </message>
        <message>
            <source>e.g. 9f86d081…  or  9f86d081…  name.txt (one a line)</source>
            <translation>p. ej. 9f86d081…  o  9f86d081…  nombre.txt (uno por línea)</translation>
        </message>
        <message>
            <source>Load SUMS File…</source>
            <translation>Cargar archivo SUMS…</translation>
        </message>
        <message>
            <source>Copy as sha256sum</source>
            <translation>Copiar como sha256sum</translation>
        </message>
        <message>
            <source>Load SUMS File</source>
            <translation>Cargar archivo SUMS</translation>
        </message>
        <message numerus="yes">
            <source>Hashing %n file(s)…</source>
            <translation>
                <numerusform>Calculando el hash de %n archivo…</numerusform>
                <numerusform>Calculando el hash de %n archivos…</numerusform>
            </translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>cancelado</translation>
        </message>
        <message>
            <source>Cancelled: the files not hashed are marked.</source>
            <translation>Cancelado: los archivos sin hash están marcados.</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) could not be read.</source>
            <translation>
                <numerusform>%n archivo no se pudo leer.</numerusform>
                <numerusform>%n archivos no se pudieron leer.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) hashed.</source>
            <translation>
                <numerusform>%n archivo con hash calculado.</numerusform>
                <numerusform>%n archivos con hash calculado.</numerusform>
            </translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>FAILED</source>
            <translation>FALLÓ</translation>
        </message>
        <message>
            <source>%1: not among the files</source>
            <translation>%1: no está entre los archivos</translation>
        </message>
        <message numerus="yes">
            <source>%n line(s) are not "HEX  NAME"</source>
            <translation>
                <numerusform>%n línea no es "HEX  NOMBRE"</numerusform>
                <numerusform>%n líneas no son "HEX  NOMBRE"</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ChunksView</name>
        <message>
            <source>One row per recv(): how many bytes each read returned and when. A message may arrive in pieces, or several glued together.</source>
            <translation>Una fila por recv(): cuántos bytes devolvió cada lectura y cuándo. Un mensaje puede llegar en trozos, o varios pegados.</translation>
        </message>
        <message numerus="yes">
            <source>Sender's send() calls known for %1 of %n connection(s)</source>
            <translation>
                <numerusform>Llamadas send() del emisor conocidas en %1 de %n conexión</numerusform>
                <numerusform>Llamadas send() del emisor conocidas en %1 de %n conexiones</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n older read(s) trimmed</source>
            <translation>
                <numerusform>Se recortó %n lectura antigua</numerusform>
                <numerusform>Se recortaron %n lecturas antiguas</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 B sent but not yet taken by the kernel (the other end reads slowly)</source>
            <translation>%1 B enviados que el núcleo aún no ha aceptado (el otro extremo lee despacio)</translation>
        </message>
        <message>
            <source>Slow reader: read</source>
            <translation>Lector lento: leer</translation>
        </message>
        <message>
            <source>Read at most this many bytes at a time and pause between reads: the rest waits in the kernel, whose buffers fill until the sender blocks</source>
            <translation>Leer como mucho estos bytes cada vez y hacer una pausa entre lecturas: el resto espera en el núcleo, cuyos búferes se llenan hasta que el emisor se bloquea</translation>
        </message>
        <message>
            <source>bytes, then pause</source>
            <translation>bytes y luego esperar</translation>
        </message>
        <message>
            <source> ms</source>
            <translation> ms</translation>
        </message>
        <message>
            <source>Bytes per read</source>
            <translation>Bytes por lectura</translation>
        </message>
        <message>
            <source>Pause between reads</source>
            <translation>Pausa entre lecturas</translation>
        </message>
        <message>
            <source>Reads</source>
            <translation>Lecturas</translation>
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
        <name>CourseDock</name>
        <message>
            <source>Dates and times</source>
            <translation>Fechas y horas</translation>
        </message>
        <message>
            <source>Regular expressions</source>
            <translation>Expresiones regulares</translation>
        </message>
        <message>
            <source>Files and folders</source>
            <translation>Archivos y carpetas</translation>
        </message>
        <message>
            <source>Networking</source>
            <translation>Redes</translation>
        </message>
        <message>
            <source>The result of Add/Subtract</source>
            <translation>El resultado de Sumar/Restar</translation>
        </message>
        <message>
            <source>b - a</source>
            <translation>b - a</translation>
        </message>
        <message>
            <source>What strftime prints</source>
            <translation>Lo que imprime strftime</translation>
        </message>
        <message>
            <source>What strptime reads</source>
            <translation>Lo que lee strptime</translation>
        </message>
        <message>
            <source>The converted date-time</source>
            <translation>La fecha y hora convertida</translation>
        </message>
        <message>
            <source>The zone</source>
            <translation>La zona</translation>
        </message>
        <message>
            <source>Course</source>
            <translation>Curso</translation>
        </message>
        <message>
            <source>▶ Try it</source>
            <translation>▶ Pruébalo</translation>
        </message>
        <message>
            <source>Put the lesson's tab in the state the lesson talks about</source>
            <translation>Pone la pestaña de la lección en el estado del que habla la lección</translation>
        </message>
        <message>
            <source>◀ Previous</source>
            <translation>◀ Anterior</translation>
        </message>
        <message>
            <source>Next ▶</source>
            <translation>Siguiente ▶</translation>
        </message>
        <message>
            <source>Reset Progress</source>
            <translation>Reiniciar progreso</translation>
        </message>
        <message>
            <source>Forget which exercises are solved</source>
            <translation>Olvida qué ejercicios están resueltos</translation>
        </message>
        <message>
            <source>Reset Sandbox</source>
            <translation>Vaciar arenero</translation>
        </message>
        <message>
            <source>Empty the practice folder of the files lessons</source>
            <translation>Vacía la carpeta de prácticas de las lecciones de archivos</translation>
        </message>
        <message>
            <source>%1 of %2 exercises solved</source>
            <translation>%1 de %2 ejercicios resueltos</translation>
        </message>
        <message>
            <source>Exercise %1</source>
            <translation>Ejercicio %1</translation>
        </message>
        <message>
            <source>No lessons were found.</source>
            <translation>No se ha encontrado ninguna lección.</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>Comprobar</translation>
        </message>
        <message>
            <source>Check what you did in the tab against the goal</source>
            <translation>Comprueba lo que has hecho en la pestaña frente al objetivo</translation>
        </message>
        <message>
            <source>Hint</source>
            <translation>Pista</translation>
        </message>
        <message>
            <source>Solution</source>
            <translation>Solución</translation>
        </message>
        <message>
            <source>Could not set up the lesson: %1</source>
            <translation>No se pudo preparar la lección: %1</translation>
        </message>
        <message>
            <source>Hint %1:</source>
            <translation>Pista %1:</translation>
        </message>
        <message>
            <source>Solution:</source>
            <translation>Solución:</translation>
        </message>
        <message>
            <source>No more hints</source>
            <translation>No hay más pistas</translation>
        </message>
        <message>
            <source>Forget which exercises you have solved?</source>
            <translation>¿Olvidar qué ejercicios has resuelto?</translation>
        </message>
        <message>
            <source>Delete everything in the practice folder %1?</source>
            <translation>¿Borrar todo lo que hay en la carpeta de prácticas %1?</translation>
        </message>
        <message>
            <source>✓ Well done: that is right.</source>
            <translation>✓ Bien hecho: es correcto.</translation>
        </message>
        <message>
            <source>Type a pattern in the Regex tab first, then check.</source>
            <translation>Escribe primero un patrón en la pestaña Regex y luego comprueba.</translation>
        </message>
        <message>
            <source>The pattern does not compile: %1</source>
            <translation>El patrón no compila: %1</translation>
        </message>
        <message>
            <source>The replacement is not valid: %1</source>
            <translation>El reemplazo no es válido: %1</translation>
        </message>
        <message numerus="yes">
            <source>%n of %1 hidden sample(s) gave another result. The first one:</source>
            <translation>
                <numerusform>%n de %1 muestras ocultas dio otro resultado. Es esta:</numerusform>
                <numerusform>%n de %1 muestras ocultas dieron otro resultado. La primera:</numerusform>
            </translation>
        </message>
        <message>
            <source>Text: %1</source>
            <translation>Texto: %1</translation>
        </message>
        <message>
            <source>Expected: %1</source>
            <translation>Esperado: %1</translation>
        </message>
        <message>
            <source>Your pattern gives: %1</source>
            <translation>Tu patrón da: %1</translation>
        </message>
        <message>
            <source>Why: %1</source>
            <translation>Por qué: %1</translation>
        </message>
        <message>
            <source>Open the %1 section of the Dates tab.</source>
            <translation>Abre la sección %1 de la pestaña Fechas.</translation>
        </message>
        <message>
            <source>%1 is %2, not what the exercise asks for yet.</source>
            <translation>%1 es %2, todavía no lo que pide el ejercicio.</translation>
        </message>
        <message>
            <source>empty</source>
            <translation>vacío</translation>
        </message>
        <message>
            <source>There is no folder %1 in the sandbox yet.</source>
            <translation>Todavía no hay ninguna carpeta %1 en el arenero.</translation>
        </message>
        <message>
            <source>%1 is there, but it is a file, not a folder.</source>
            <translation>%1 existe, pero es un archivo, no una carpeta.</translation>
        </message>
        <message>
            <source>There is no file %1 in the sandbox yet.</source>
            <translation>Todavía no hay ningún archivo %1 en el arenero.</translation>
        </message>
        <message>
            <source>%1 is there, but it is a folder, not a file.</source>
            <translation>%1 existe, pero es una carpeta, no un archivo.</translation>
        </message>
        <message>
            <source>%1 holds %2; it should hold %3.</source>
            <translation>%1 contiene %2; debería contener %3.</translation>
        </message>
        <message>
            <source>%1 is still there.</source>
            <translation>%1 sigue ahí.</translation>
        </message>
        <message>
            <source>No %1 server has been started in the Chat tab yet.</source>
            <translation>Todavía no se ha iniciado ningún servidor %1 en la pestaña Chat.</translation>
        </message>
        <message>
            <source>No client has connected to the server yet.</source>
            <translation>Todavía no se ha conectado ningún cliente al servidor.</translation>
        </message>
        <message>
            <source>The server has not sent “%1” yet.</source>
            <translation>El servidor todavía no ha enviado «%1».</translation>
        </message>
        <message>
            <source>“%1” has not reached the server yet.</source>
            <translation>«%1» todavía no ha llegado al servidor.</translation>
        </message>
    </context>
    <context>
        <name>DatePanel</name>
        <message>
            <source>Dates</source>
            <translation>Fechas</translation>
        </message>
        <message>
            <source>Now</source>
            <translation>Ahora</translation>
        </message>
        <message>
            <source>Difference</source>
            <translation>Diferencia</translation>
        </message>
        <message>
            <source>Add/Subtract</source>
            <translation>Sumar/Restar</translation>
        </message>
        <message>
            <source>Convert</source>
            <translation>Convertir</translation>
        </message>
        <message>
            <source>Format/Parse</source>
            <translation>Formatear/Analizar</translation>
        </message>
        <message>
            <source>none (naive)</source>
            <translation>ninguna (ingenua)</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Copiar</translation>
        </message>
        <message>
            <source>Time zone:</source>
            <translation>Zona horaria:</translation>
        </message>
        <message>
            <source>Zone</source>
            <translation>Zona</translation>
        </message>
        <message>
            <source>Local time:</source>
            <translation>Hora local:</translation>
        </message>
        <message>
            <source>Local zone:</source>
            <translation>Zona local:</translation>
        </message>
        <message>
            <source>In the chosen zone:</source>
            <translation>En la zona elegida:</translation>
        </message>
        <message>
            <source>Current date and time (refreshed every second)</source>
            <translation>Fecha y hora actuales (se actualizan cada segundo)</translation>
        </message>
        <message>
            <source>Date (year-month-day):</source>
            <translation>Fecha (año-mes-día):</translation>
        </message>
        <message>
            <source>Time (h:m:s.microsecond):</source>
            <translation>Hora (h:m:s.microsegundo):</translation>
        </message>
        <message>
            <source>weekday() (Mon = 0):</source>
            <translation>weekday() (lunes = 0):</translation>
        </message>
        <message>
            <source>isocalendar():</source>
            <translation>isocalendar():</translation>
        </message>
        <message>
            <source>Day of the year:</source>
            <translation>Día del año:</translation>
        </message>
        <message>
            <source>timestamp():</source>
            <translation>timestamp():</translation>
        </message>
        <message>
            <source>Parts in the chosen zone</source>
            <translation>Partes en la zona elegida</translation>
        </message>
        <message>
            <source>ISO date or datetime, e.g. 2023-06-14T14:06:23</source>
            <translation>Fecha o fecha y hora ISO, p. ej. 2023-06-14T14:06:23</translation>
        </message>
        <message>
            <source>Start (a):</source>
            <translation>Inicio (a):</translation>
        </message>
        <message>
            <source>End (b):</source>
            <translation>Fin (b):</translation>
        </message>
        <message>
            <source>b - a:</source>
            <translation>b - a:</translation>
        </message>
        <message>
            <source>timedelta:</source>
            <translation>timedelta:</translation>
        </message>
        <message>
            <source>total_seconds():</source>
            <translation>total_seconds():</translation>
        </message>
        <message>
            <source>Calendar (relativedelta):</source>
            <translation>Calendario (relativedelta):</translation>
        </message>
        <message>
            <source>Weeks and days:</source>
            <translation>Semanas y días:</translation>
        </message>
        <message>
            <source>Business days (Mon-Fri):</source>
            <translation>Días laborables (lun-vie):</translation>
        </message>
        <message>
            <source>Comparison:</source>
            <translation>Comparación:</translation>
        </message>
        <message>
            <source>Start:</source>
            <translation>Inicio:</translation>
        </message>
        <message>
            <source>Subtract instead of add</source>
            <translation>Restar en lugar de sumar</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Inicio</translation>
        </message>
        <message>
            <source>Years</source>
            <translation>Años</translation>
        </message>
        <message>
            <source>Months</source>
            <translation>Meses</translation>
        </message>
        <message>
            <source>Weeks</source>
            <translation>Semanas</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>Días</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>Horas</translation>
        </message>
        <message>
            <source>Minutes</source>
            <translation>Minutos</translation>
        </message>
        <message>
            <source>Seconds</source>
            <translation>Segundos</translation>
        </message>
        <message>
            <source>Microseconds</source>
            <translation>Microsegundos</translation>
        </message>
        <message>
            <source>Years and months are applied first, with one clamp to the end of the month (31 Jan + 1 month = 28/29 Feb); then the rest as a timedelta. In a time zone the arithmetic is on the wall clock, as in Python.</source>
            <translation>Primero se aplican años y meses, ajustando una sola vez al final del mes (31 ene + 1 mes = 28/29 feb); después el resto como timedelta. En una zona horaria la aritmética es de reloj de pared, como en Python.</translation>
        </message>
        <message>
            <source>Amounts</source>
            <translation>Cantidades</translation>
        </message>
        <message>
            <source>Result:</source>
            <translation>Resultado:</translation>
        </message>
        <message>
            <source>Weekday:</source>
            <translation>Día de la semana:</translation>
        </message>
        <message>
            <source>Elapsed time:</source>
            <translation>Tiempo transcurrido:</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Resultado</translation>
        </message>
        <message>
            <source>Date and time:</source>
            <translation>Fecha y hora:</translation>
        </message>
        <message>
            <source>Wall time in the source zone, e.g. 2023-10-29T02:30</source>
            <translation>Hora de reloj en la zona de origen, p. ej. 2023-10-29T02:30</translation>
        </message>
        <message>
            <source>From zone:</source>
            <translation>Zona de origen:</translation>
        </message>
        <message>
            <source>To zone:</source>
            <translation>Zona de destino:</translation>
        </message>
        <message>
            <source>fold=0: the first of two repeated times</source>
            <translation>fold=0: la primera de dos horas repetidas</translation>
        </message>
        <message>
            <source>fold=1: the second of two repeated times</source>
            <translation>fold=1: la segunda de dos horas repetidas</translation>
        </message>
        <message>
            <source>Ambiguous times:</source>
            <translation>Horas ambiguas:</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Origen</translation>
        </message>
        <message>
            <source>Zone name and DST:</source>
            <translation>Nombre de zona y horario de verano:</translation>
        </message>
        <message>
            <source>Gap or fold:</source>
            <translation>Hueco o repetición:</translation>
        </message>
        <message>
            <source>Converted</source>
            <translation>Convertida</translation>
        </message>
        <message>
            <source>ISO date or datetime, e.g. 2023-06-14T14:06:23+02:00</source>
            <translation>Fecha o fecha y hora ISO, p. ej. 2023-06-14T14:06:23+02:00</translation>
        </message>
        <message>
            <source>Format:</source>
            <translation>Formato:</translation>
        </message>
        <message>
            <source>strftime():</source>
            <translation>strftime():</translation>
        </message>
        <message>
            <source>Format (strftime)</source>
            <translation>Formatear (strftime)</translation>
        </message>
        <message>
            <source>Text:</source>
            <translation>Texto:</translation>
        </message>
        <message>
            <source>strptime():</source>
            <translation>strptime():</translation>
        </message>
        <message>
            <source>Python value:</source>
            <translation>Valor en Python:</translation>
        </message>
        <message>
            <source>Parse (strptime)</source>
            <translation>Analizar (strptime)</translation>
        </message>
        <message>
            <source>Directive</source>
            <translation>Directiva</translation>
        </message>
        <message>
            <source>Meaning</source>
            <translation>Significado</translation>
        </message>
        <message>
            <source>Example</source>
            <translation>Ejemplo</translation>
        </message>
        <message>
            <source>Double-click a directive to add it to the format</source>
            <translation>Haz doble clic en una directiva para añadirla al formato</translation>
        </message>
        <message>
            <source>As on the wall clock: the UTC offset does not change in between</source>
            <translation>Igual que en el reloj: el desfase UTC no cambia entre medias</translation>
        </message>
        <message>
            <source>Neither: this wall time happens once in the source zone</source>
            <translation>Ninguno: esta hora de reloj ocurre una sola vez en la zona de origen</translation>
        </message>
        <message>
            <source>Calendar</source>
            <translation>Calendario</translation>
        </message>
        <message>
            <source>Pick the date in a calendar</source>
            <translation>Elegir la fecha en un calendario</translation>
        </message>
        <message>
            <source>The current date and time, as datetime.now() gives it</source>
            <translation>La fecha y hora actuales, como las da datetime.now()</translation>
        </message>
        <message>
            <source>Copy %1</source>
            <translation>Copiar %1</translation>
        </message>
        <message>
            <source>strftime and strptime directives</source>
            <translation>Directivas de strftime y strptime</translation>
        </message>
    </context>
    <context>
        <name>DialogPrompter</name>
        <message>
            <source>Destination:</source>
            <translation>Destino:</translation>
        </message>
        <message>
            <source>Copy the files symbolic links point to (symlinks=False)</source>
            <translation>Copiar los archivos a los que apuntan los enlaces simbólicos (symlinks=False)</translation>
        </message>
        <message>
            <source>Merge into existing folders (dirs_exist_ok=True)</source>
            <translation>Fusionar con carpetas existentes (dirs_exist_ok=True)</translation>
        </message>
        <message>
            <source>File Already Exists</source>
            <translation>El archivo ya existe</translation>
        </message>
        <message>
            <source>Folder, modified %1</source>
            <translation>Carpeta, modificada el %1</translation>
        </message>
        <message>
            <source>%1, modified %2</source>
            <translation>%1, modificado el %2</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; already exists.&lt;br&gt;&lt;br&gt;Existing: %2&lt;br&gt;New: %3</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; ya existe.&lt;br&gt;&lt;br&gt;Existente: %2&lt;br&gt;Nuevo: %3</translation>
        </message>
        <message>
            <source>New name:</source>
            <translation>Nombre nuevo:</translation>
        </message>
        <message>
            <source>Apply to all remaining conflicts</source>
            <translation>Aplicar a todos los conflictos restantes</translation>
        </message>
        <message>
            <source>&amp;Merge</source>
            <translation>&amp;Fusionar</translation>
        </message>
        <message>
            <source>&amp;Overwrite</source>
            <translation>&amp;Sobrescribir</translation>
        </message>
        <message>
            <source>&amp;Skip</source>
            <translation>&amp;Omitir</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation>&amp;Renombrar</translation>
        </message>
        <message>
            <source>Keep hard links (as cp -a; shutil.copytree makes each hard link a separate file)</source>
            <translation>Conservar los enlaces duros (como cp -a; shutil.copytree hace de cada enlace duro un archivo aparte)</translation>
        </message>
        <message>
            <source>Verify: read each copy back and compare its BLAKE2b with the source's (a copy that differs is not kept)</source>
            <translation>Verificar: releer cada copia y comparar su BLAKE2b con el del origen (no se conserva una copia que difiera)</translation>
        </message>
        <message>
            <source>Format:</source>
            <translation>Formato:</translation>
        </message>
        <message>
            <source>Name (without extension):</source>
            <translation>Nombre (sin extensión):</translation>
        </message>
        <message>
            <source>Make Archive</source>
            <translation>Crear archivo comprimido</translation>
        </message>
    </context>
    <context>
        <name>Directive</name>
        <message>
            <source>Weekday, abbreviated (Mon)</source>
            <translation>Día de la semana, abreviado (Mon)</translation>
        </message>
        <message>
            <source>Weekday, full (Monday)</source>
            <translation>Día de la semana, completo (Monday)</translation>
        </message>
        <message>
            <source>Weekday as a number, Sunday = 0</source>
            <translation>Día de la semana como número, domingo = 0</translation>
        </message>
        <message>
            <source>ISO weekday, Monday = 1</source>
            <translation>Día de la semana ISO, lunes = 1</translation>
        </message>
        <message>
            <source>Day of the month, 01-31</source>
            <translation>Día del mes, 01-31</translation>
        </message>
        <message>
            <source>Month, abbreviated (Jan)</source>
            <translation>Mes, abreviado (Jan)</translation>
        </message>
        <message>
            <source>Month, full (January)</source>
            <translation>Mes, completo (January)</translation>
        </message>
        <message>
            <source>Month as a number, 01-12</source>
            <translation>Mes como número, 01-12</translation>
        </message>
        <message>
            <source>Year without century, 00-99 (69-99 = 19xx)</source>
            <translation>Año sin siglo, 00-99 (69-99 = 19xx)</translation>
        </message>
        <message>
            <source>Year with century</source>
            <translation>Año con siglo</translation>
        </message>
        <message>
            <source>Hour, 00-23</source>
            <translation>Hora, 00-23</translation>
        </message>
        <message>
            <source>Hour, 01-12</source>
            <translation>Hora, 01-12</translation>
        </message>
        <message>
            <source>AM or PM</source>
            <translation>AM o PM</translation>
        </message>
        <message>
            <source>Minute, 00-59</source>
            <translation>Minuto, 00-59</translation>
        </message>
        <message>
            <source>Second, 00-59</source>
            <translation>Segundo, 00-59</translation>
        </message>
        <message>
            <source>Microsecond, 000000-999999</source>
            <translation>Microsegundo, 000000-999999</translation>
        </message>
        <message>
            <source>UTC offset, +HHMM (empty if naive)</source>
            <translation>Desfase UTC, +HHMM (vacío si es ingenua)</translation>
        </message>
        <message>
            <source>Time zone name (empty if naive)</source>
            <translation>Nombre de la zona horaria (vacío si es ingenua)</translation>
        </message>
        <message>
            <source>Day of the year, 001-366</source>
            <translation>Día del año, 001-366</translation>
        </message>
        <message>
            <source>Week of the year, Sunday first, 00-53</source>
            <translation>Semana del año, empieza en domingo, 00-53</translation>
        </message>
        <message>
            <source>Week of the year, Monday first, 00-53</source>
            <translation>Semana del año, empieza en lunes, 00-53</translation>
        </message>
        <message>
            <source>ISO 8601 year</source>
            <translation>Año ISO 8601</translation>
        </message>
        <message>
            <source>ISO 8601 week, 01-53</source>
            <translation>Semana ISO 8601, 01-53</translation>
        </message>
        <message>
            <source>Date and time (Wed Jun 14 14:06:23 2023)</source>
            <translation>Fecha y hora (Wed Jun 14 14:06:23 2023)</translation>
        </message>
        <message>
            <source>Date (06/14/23)</source>
            <translation>Fecha (06/14/23)</translation>
        </message>
        <message>
            <source>Time (14:06:23)</source>
            <translation>Hora (14:06:23)</translation>
        </message>
        <message>
            <source>A literal % character</source>
            <translation>Un carácter % literal</translation>
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
        <message>
            <source>Make archive</source>
            <translation>Crear archivo comprimido</translation>
        </message>
        <message>
            <source>Unpack</source>
            <translation>Desempaquetar</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Deshacer</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Rehacer</translation>
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
        <message>
            <source>%1 is not the item that was selected (it was replaced or renamed since it was listed): it was left alone.</source>
            <translation>%1 no es el elemento seleccionado (fue reemplazado o renombrado después de listarlo): no se tocó.</translation>
        </message>
        <message>
            <source>%1 changed while being copied (its size or modification time): no copy was kept.</source>
            <translation>%1 cambió mientras se copiaba (su tamaño o su fecha de modificación): no se conservó ninguna copia.</translation>
        </message>
        <message>
            <source>The copy of %1 read back differs from the source (BLAKE2b %2... instead of %3...): no copy was kept.</source>
            <translation>La copia de %1, releída, difiere del origen (BLAKE2b %2... en vez de %3...): no se conservó ninguna copia.</translation>
        </message>
    </context>
    <context>
        <name>FilesActions</name>
        <message>
            <source>Back</source>
            <translation>Atrás</translation>
        </message>
        <message>
            <source>Forward</source>
            <translation>Adelante</translation>
        </message>
        <message>
            <source>Up</source>
            <translation>Subir</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>Carpeta personal</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <source>Show Hidden Files</source>
            <translation>Mostrar ocultos</translation>
        </message>
        <message>
            <source>Edit Location</source>
            <translation>Editar ubicación</translation>
        </message>
        <message>
            <source>Filter</source>
            <translation>Filtrar</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Abrir</translation>
        </message>
        <message>
            <source>New Folder…</source>
            <translation>Nueva carpeta…</translation>
        </message>
        <message>
            <source>New File…</source>
            <translation>Nuevo archivo…</translation>
        </message>
        <message>
            <source>os.makedirs(…)</source>
            <translation>os.makedirs(…)</translation>
        </message>
        <message>
            <source>os.makedirs(…, exist_ok=True)</source>
            <translation>os.makedirs(…, exist_ok=True)</translation>
        </message>
        <message>
            <source>Rename…</source>
            <translation>Renombrar…</translation>
        </message>
        <message>
            <source>Rename with re.sub…</source>
            <translation>Renombrar con re.sub…</translation>
        </message>
        <message>
            <source>Checksums…</source>
            <translation>Sumas de verificación…</translation>
        </message>
        <message>
            <source>Make Archive… (shutil.make_archive)</source>
            <translation>Crear archivo comprimido… (shutil.make_archive)</translation>
        </message>
        <message>
            <source>Unpack… (shutil.unpack_archive)</source>
            <translation>Desempaquetar… (shutil.unpack_archive)</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Deshacer</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Rehacer</translation>
        </message>
        <message>
            <source>Operations History…</source>
            <translation>Historial de operaciones…</translation>
        </message>
        <message>
            <source>Move to Trash</source>
            <translation>Mover a la papelera</translation>
        </message>
        <message>
            <source>Delete Permanently…</source>
            <translation>Eliminar definitivamente…</translation>
        </message>
        <message>
            <source>os.remove (file)</source>
            <translation>os.remove (archivo)</translation>
        </message>
        <message>
            <source>os.rmdir (empty folder)</source>
            <translation>os.rmdir (carpeta vacía)</translation>
        </message>
        <message>
            <source>os.removedirs (empty folders upwards)</source>
            <translation>os.removedirs (carpetas vacías hacia arriba)</translation>
        </message>
        <message>
            <source>shutil.rmtree (folder and contents)…</source>
            <translation>shutil.rmtree (carpeta y contenido)…</translation>
        </message>
        <message>
            <source>os.listdir</source>
            <translation>os.listdir</translation>
        </message>
        <message>
            <source>os.path.getsize</source>
            <translation>os.path.getsize</translation>
        </message>
        <message>
            <source>Size (recursive)</source>
            <translation>Tamaño (recursivo)</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Copiar</translation>
        </message>
        <message>
            <source>Cut</source>
            <translation>Cortar</translation>
        </message>
        <message>
            <source>Paste</source>
            <translation>Pegar</translation>
        </message>
        <message>
            <source>Copy To… (shutil.copy2 / copytree)</source>
            <translation>Copiar a… (shutil.copy2 / copytree)</translation>
        </message>
        <message>
            <source>Move To… (shutil.move)</source>
            <translation>Mover a… (shutil.move)</translation>
        </message>
        <message>
            <source>New Temporary File</source>
            <translation>Nuevo archivo temporal</translation>
        </message>
        <message>
            <source>New Temporary Folder</source>
            <translation>Nueva carpeta temporal</translation>
        </message>
        <message>
            <source>Remove Temporary Items</source>
            <translation>Eliminar elementos temporales</translation>
        </message>
        <message>
            <source>tempfile</source>
            <translation>tempfile</translation>
        </message>
    </context>
    <context>
        <name>FilesPanel</name>
        <message>
            <source>Every %1 operation of the course</source>
            <translation>Todas las operaciones de %1 del curso</translation>
        </message>
        <message>
            <source>Filter (*.txt or text)</source>
            <translation>Filtrar (*.txt o texto)</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Cargando…</translation>
        </message>
        <message numerus="yes">
            <source>%n folder(s)</source>
            <translation>
                <numerusform>%n carpeta</numerusform>
                <numerusform>%n carpetas</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n archivo</numerusform>
                <numerusform>%n archivos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n hidden or filtered out</source>
            <translation>
                <numerusform>%n oculto o filtrado</numerusform>
                <numerusform>%n ocultos o filtrados</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n selected</source>
            <translation>
                <numerusform>%n seleccionado</numerusform>
                <numerusform>%n seleccionados</numerusform>
            </translation>
        </message>
        <message>
            <source>New Folder</source>
            <translation>Nueva carpeta</translation>
        </message>
        <message>
            <source>Name of the new folder:</source>
            <translation>Nombre de la carpeta nueva:</translation>
        </message>
        <message>
            <source>os.makedirs</source>
            <translation>os.makedirs</translation>
        </message>
        <message>
            <source>Folders to create, e.g. a/b/c:</source>
            <translation>Carpetas que crear, p. ej. a/b/c:</translation>
        </message>
        <message>
            <source>Created %1</source>
            <translation>Creado %1</translation>
        </message>
        <message>
            <source>os.makedirs(exist_ok=True)</source>
            <translation>os.makedirs(exist_ok=True)</translation>
        </message>
        <message>
            <source>%1 exists now</source>
            <translation>%1 existe ahora</translation>
        </message>
        <message>
            <source>New File</source>
            <translation>Nuevo archivo</translation>
        </message>
        <message>
            <source>Name of the new empty file:</source>
            <translation>Nombre del archivo vacío nuevo:</translation>
        </message>
        <message>
            <source>new_file.txt</source>
            <translation>archivo_nuevo.txt</translation>
        </message>
        <message>
            <source>Rename</source>
            <translation>Renombrar</translation>
        </message>
        <message>
            <source>New name:</source>
            <translation>Nombre nuevo:</translation>
        </message>
        <message>
            <source>Replace?</source>
            <translation>¿Reemplazar?</translation>
        </message>
        <message>
            <source>%1 already exists. os.rename would replace it. Replace it?</source>
            <translation>%1 ya existe. os.rename lo reemplazaría. ¿Reemplazarlo?</translation>
        </message>
        <message>
            <source>Replace</source>
            <translation>Reemplazar</translation>
        </message>
        <message numerus="yes">
            <source>, … %n more]</source>
            <translation>
                <numerusform>, … %n más]</numerusform>
                <numerusform>, … %n más]</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s)</source>
            <translation>
                <numerusform>%n elemento</numerusform>
                <numerusform>%n elementos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Permanently delete %1?

This removes %n file(s)</source>
            <translation>
                <numerusform>¿Eliminar definitivamente %1?

Se borra %n archivo</numerusform>
                <numerusform>¿Eliminar definitivamente %1?

Se borran %n archivos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> and %n folder(s)</source>
            <translation>
                <numerusform> y %n carpeta</numerusform>
                <numerusform> y %n carpetas</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete Permanently</source>
            <translation>Eliminar definitivamente</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n file(s)</source>
            <translation>
                <numerusform>%1: %n archivo</numerusform>
                <numerusform>%1: %n archivos</numerusform>
            </translation>
        </message>
        <message>
            <source>Selection</source>
            <translation>Selección</translation>
        </message>
        <message numerus="yes">
            <source>, %n folder(s)</source>
            <translation>
                <numerusform>, %n carpeta</numerusform>
                <numerusform>, %n carpetas</numerusform>
            </translation>
        </message>
        <message>
            <source>No Trash Here</source>
            <translation>Aquí no hay papelera</translation>
        </message>
        <message>
            <source>%1 cannot be moved to the trash: %2

Delete it permanently instead?</source>
            <translation>%1 no se puede mover a la papelera: %2

¿Eliminarlo definitivamente?</translation>
        </message>
        <message numerus="yes">
            <source>%1 failed for %n item(s): </source>
            <translation>
                <numerusform>%1 falló en %n elemento: </numerusform>
                <numerusform>%1 falló en %n elementos: </numerusform>
            </translation>
        </message>
        <message>
            <source>%1 cancelled.</source>
            <translation>%1 cancelado.</translation>
        </message>
        <message>
            <source>%1 cannot be moved to the trash: %2

Delete permanently instead?</source>
            <translation>%1 no se puede mover a la papelera: %2

¿Eliminar definitivamente?</translation>
        </message>
        <message>
            <source>shutil.rmtree</source>
            <translation>shutil.rmtree</translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) copied to the clipboard.</source>
            <translation>
                <numerusform>%n elemento copiado al portapapeles.</numerusform>
                <numerusform>%n elementos copiados al portapapeles.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) cut: paste to move them.</source>
            <translation>
                <numerusform>%n elemento cortado: pega para moverlo.</numerusform>
                <numerusform>%n elementos cortados: pega para moverlos.</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot copy or move %1 into itself.</source>
            <translation>No se puede copiar ni mover %1 dentro de sí mismo.</translation>
        </message>
        <message>
            <source>shutil.copytree</source>
            <translation>shutil.copytree</translation>
        </message>
        <message>
            <source>shutil.copy2</source>
            <translation>shutil.copy2</translation>
        </message>
        <message>
            <source>_copy</source>
            <translation>_copia</translation>
        </message>
        <message>
            <source>shutil.move</source>
            <translation>shutil.move</translation>
        </message>
        <message>
            <source>Temporary file %1 created; it is removed when StdLab closes, or with shutil &gt; tempfile &gt; Remove Temporary Items.</source>
            <translation>Archivo temporal %1 creado; se elimina al cerrar StdLab, o con shutil &gt; tempfile &gt; Eliminar elementos temporales.</translation>
        </message>
        <message>
            <source>Temporary folder %1 created; it is removed when StdLab closes, or with shutil &gt; tempfile &gt; Remove Temporary Items.</source>
            <translation>Carpeta temporal %1 creada; se elimina al cerrar StdLab, o con shutil &gt; tempfile &gt; Eliminar elementos temporales.</translation>
        </message>
        <message numerus="yes">
            <source>%n temporary item(s) removed.</source>
            <translation>
                <numerusform>%n elemento temporal eliminado.</numerusform>
                <numerusform>%n elementos temporales eliminados.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 is not the item that was selected (it was replaced or renamed since it was listed): nothing was done.</source>
            <translation>%1 no es el elemento seleccionado (fue reemplazado o renombrado después de listarlo): no se hizo nada.</translation>
        </message>
        <message>
            <source>Filter by name</source>
            <translation>Filtrar por nombre</translation>
        </message>
        <message>
            <source>Folders</source>
            <translation>Carpetas</translation>
        </message>
        <message>
            <source>Files in the folder</source>
            <translation>Archivos de la carpeta</translation>
        </message>
        <message>
            <source>os.remove</source>
            <translation>os.remove</translation>
        </message>
        <message>
            <source>Permanently delete %1?

os.remove does not use the trash: it cannot be undone.</source>
            <translation>¿Eliminar %1 definitivamente?

os.remove no usa la papelera: no se puede deshacer.</translation>
        </message>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n byte</numerusform>
                <numerusform>%n bytes</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (%2 bytes)</source>
            <translation>%1 (%2 bytes)</translation>
        </message>
        <message>
            <source>. It cannot be undone.</source>
            <translation>. No se puede deshacer.</translation>
        </message>
        <message>
            <source>Sandbox: StdLab's practice folder for the course (%1). Anything done here stays here; Reset Sandbox in the Course empties it.</source>
            <translation>Arenero: la carpeta de prácticas del curso de StdLab (%1). Lo que hagas aquí se queda aquí; Vaciar arenero, en el Curso, la vacía.</translation>
        </message>
        <message numerus="yes">
            <source>Nothing was renamed: %n name(s) cannot be used.</source>
            <translation>
                <numerusform>No se renombró nada: %n nombre no se puede usar.</numerusform>
                <numerusform>No se renombró nada: %n nombres no se pueden usar.</numerusform>
            </translation>
        </message>
        <message>
            <source>Every rename done was undone: nothing was renamed.</source>
            <translation>Se deshizo cada cambio de nombre hecho: no se renombró nada.</translation>
        </message>
        <message>
            <source>These renames could not be undone:</source>
            <translation>Estos cambios de nombre no se pudieron deshacer:</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) renamed.</source>
            <translation>
                <numerusform>%n archivo renombrado.</numerusform>
                <numerusform>%n archivos renombrados.</numerusform>
            </translation>
        </message>
        <message>
            <source>Redone: %1</source>
            <translation>Rehecho: %1</translation>
        </message>
        <message>
            <source>Undone: %1</source>
            <translation>Deshecho: %1</translation>
        </message>
        <message>
            <source>Nothing to redo.</source>
            <translation>No hay nada que rehacer.</translation>
        </message>
        <message>
            <source>Nothing to undo.</source>
            <translation>No hay nada que deshacer.</translation>
        </message>
        <message>
            <source>Cannot redo %1: %2</source>
            <translation>No se puede rehacer %1: %2</translation>
        </message>
        <message>
            <source>Cannot undo %1: %2</source>
            <translation>No se puede deshacer %1: %2</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n file(s) read back and equal to the source (BLAKE2b).</source>
            <translation>
                <numerusform>%1: %n archivo releído e igual al origen (BLAKE2b).</numerusform>
                <numerusform>%1: %n archivos releídos e iguales al origen (BLAKE2b).</numerusform>
            </translation>
        </message>
        <message>
            <source>Checksums are of files: select one or more files.</source>
            <translation>Las sumas de verificación son de archivos: seleccione uno o más archivos.</translation>
        </message>
        <message>
            <source>An undo or redo is running: wait for it to finish.</source>
            <translation>Hay un deshacer o rehacer en curso: espere a que termine.</translation>
        </message>
        <message>
            <source>shutil.make_archive</source>
            <translation>shutil.make_archive</translation>
        </message>
        <message>
            <source>Make %1 from %2?</source>
            <translation>¿Crear %1 a partir de %2?</translation>
        </message>
        <message>
            <source>Undo removes the archive if it is unchanged.</source>
            <translation>Deshacer elimina el archivo comprimido si no ha cambiado.</translation>
        </message>
        <message>
            <source>Make Archive</source>
            <translation>Crear archivo comprimido</translation>
        </message>
        <message>
            <source>shutil.unpack_archive</source>
            <translation>shutil.unpack_archive</translation>
        </message>
        <message>
            <source>Unpack into the folder:</source>
            <translation>Desempaquetar en la carpeta:</translation>
        </message>
        <message>
            <source>Unpack %1 into %2?</source>
            <translation>¿Desempaquetar %1 en %2?</translation>
        </message>
        <message numerus="yes">
            <source>%n member(s) refused by the "data" filter (not extracted):</source>
            <translation>
                <numerusform>%n miembro rechazado por el filtro "data" (no se extrae):</numerusform>
                <numerusform>%n miembros rechazados por el filtro "data" (no se extraen):</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) already there, kept (not replaced):</source>
            <translation>
                <numerusform>%n archivo ya existe y se conserva (no se reemplaza):</numerusform>
                <numerusform>%n archivos ya existen y se conservan (no se reemplazan):</numerusform>
            </translation>
        </message>
        <message>
            <source>Undo removes what the unpack made, if unchanged.</source>
            <translation>Deshacer elimina lo que creó el desempaquetado, si no ha cambiado.</translation>
        </message>
        <message>
            <source>Unpack</source>
            <translation>Desempaquetar</translation>
        </message>
        <message numerus="yes">
            <source>Unpacked %n file(s); </source>
            <translation>
                <numerusform>Se desempaquetó %n archivo; </numerusform>
                <numerusform>Se desempaquetaron %n archivos; </numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n member(s) not extracted: </source>
            <translation>
                <numerusform>%n miembro no extraído: </numerusform>
                <numerusform>%n miembros no extraídos: </numerusform>
            </translation>
        </message>
        <message>
            <source>Unpack cancelled: what it had written was removed.</source>
            <translation>Desempaquetado cancelado: lo que había escrito se eliminó.</translation>
        </message>
        <message numerus="yes">
            <source>Made %1: %n file(s)</source>
            <translation>
                <numerusform>Se creó %1: %n archivo</numerusform>
                <numerusform>Se creó %1: %n archivos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unpacked %n file(s)</source>
            <translation>
                <numerusform>Se desempaquetó %n archivo</numerusform>
                <numerusform>Se desempaquetaron %n archivos</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 not started: its plan was cancelled.</source>
            <translation>%1 no se inició: se canceló su plan.</translation>
        </message>
        <message>
            <source>%1 not started: nothing was done.</source>
            <translation>%1 no se inició: no se hizo nada.</translation>
        </message>
        <message>
            <source>cancelled; nothing was done.</source>
            <translation>cancelado; no se hizo nada.</translation>
        </message>
    </context>
    <context>
        <name>FramingBox</name>
        <message>
            <source>&amp;Framing:</source>
            <translation>&amp;Tramas:</translation>
        </message>
        <message>
            <source>newline</source>
            <translation>salto de línea</translation>
        </message>
        <message>
            <source>raw</source>
            <translation>sin delimitar</translation>
        </message>
        <message>
            <source>length (4 B)</source>
            <translation>longitud (4 B)</translation>
        </message>
        <message>
            <source>fixed size</source>
            <translation>tamaño fijo</translation>
        </message>
        <message>
            <source>Each message ends with \n (as nc and the course's programs send it)</source>
            <translation>Cada mensaje acaba en \n (como lo envían nc y los programas del curso)</translation>
        </message>
        <message>
            <source>No framing: every recv() is a message, whatever it holds</source>
            <translation>Sin delimitar: cada recv() es un mensaje, traiga lo que traiga</translation>
        </message>
        <message>
            <source>Each message is a 4-byte big-endian length, then that many bytes (struct.pack("!I", n))</source>
            <translation>Cada mensaje es una longitud de 4 bytes big-endian seguida de esos bytes (struct.pack("!I", n))</translation>
        </message>
        <message>
            <source>Every message is exactly N bytes; a shorter one is padded with NUL bytes</source>
            <translation>Cada mensaje ocupa exactamente N bytes; uno más corto se rellena con bytes NUL</translation>
        </message>
        <message>
            <source>How a message is cut from the TCP byte stream, and how what is sent is marked; both ends must agree</source>
            <translation>Cómo se separa cada mensaje del flujo de bytes de TCP y cómo se marca lo enviado; los dos extremos deben coincidir</translation>
        </message>
        <message>
            <source> B</source>
            <translation> B</translation>
        </message>
        <message>
            <source>Bytes per message</source>
            <translation>Bytes por mensaje</translation>
        </message>
        <message>
            <source>Frame size</source>
            <translation>Tamaño de trama</translation>
        </message>
    </context>
    <context>
        <name>HistoryDialog</name>
        <message>
            <source>Operations History</source>
            <translation>Historial de operaciones</translation>
        </message>
        <message>
            <source>Every operation of the Files tab and of `stdlab files`, newest first. Undo or redo the one you select: it is checked first and nothing that appeared since is replaced.</source>
            <translation>Cada operación de la pestaña Archivos y de `stdlab files`, la más reciente primero. Deshaga o rehaga la que seleccione: antes se comprueba, y nada de lo que haya aparecido desde entonces se reemplaza.</translation>
        </message>
        <message>
            <source>Operations history</source>
            <translation>Historial de operaciones</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Cuándo</translation>
        </message>
        <message>
            <source>Operation</source>
            <translation>Operación</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Estado</translation>
        </message>
        <message>
            <source>Now</source>
            <translation>Ahora</translation>
        </message>
        <message>
            <source>The paths of the selected operation</source>
            <translation>Las rutas de la operación seleccionada</translation>
        </message>
        <message>
            <source>Undo Selected</source>
            <translation>Deshacer la seleccionada</translation>
        </message>
        <message>
            <source>Redo Selected</source>
            <translation>Rehacer la seleccionada</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Actualizar</translation>
        </message>
        <message>
            <source>Undone</source>
            <translation>Deshecha</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Hecha</translation>
        </message>
        <message>
            <source>Cannot be redone: %1</source>
            <translation>No se puede rehacer: %1</translation>
        </message>
        <message>
            <source>Cannot be undone: %1</source>
            <translation>No se puede deshacer: %1</translation>
        </message>
        <message>
            <source>Can be redone</source>
            <translation>Se puede rehacer</translation>
        </message>
        <message>
            <source>Can be undone if unchanged (its data is read when undone)</source>
            <translation>Se puede deshacer si no ha cambiado (sus datos se leen al deshacer)</translation>
        </message>
        <message>
            <source>Can be undone</source>
            <translation>Se puede deshacer</translation>
        </message>
        <message>
            <source>No operation yet: what the Files tab does is listed here.</source>
            <translation>Aún no hay operaciones: aquí se lista lo que hace la pestaña Archivos.</translation>
        </message>
        <message>
            <source>Undoing %1…</source>
            <translation>Deshaciendo %1…</translation>
        </message>
        <message>
            <source>Redoing %1…</source>
            <translation>Rehaciendo %1…</translation>
        </message>
        <message>
            <source>%1 → %2</source>
            <translation>%1 → %2</translation>
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
        <message>
            <source>&amp;Course</source>
            <translation>&amp;Curso</translation>
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
        <name>MessageLabel</name>
        <message>
            <source>Close</source>
            <translation>Cerrar</translation>
        </message>
        <message>
            <source>Close the message</source>
            <translation>Cerrar el mensaje</translation>
        </message>
    </context>
    <context>
        <name>OperationsView</name>
        <message>
            <source>No operations. Copies, moves, deletions and sizes run here, in the background.</source>
            <translation>Sin operaciones. Las copias, movimientos, borrados y tamaños se ejecutan aquí, en segundo plano.</translation>
        </message>
        <message>
            <source>Clear Finished</source>
            <translation>Quitar terminadas</translation>
        </message>
        <message>
            <source>&lt;b&gt;Operations&lt;/b&gt;</source>
            <translation>&lt;b&gt;Operaciones&lt;/b&gt;</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>%1 min %2 s</source>
            <translation>%1 min %2 s</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 h %2 min</translation>
        </message>
        <message numerus="yes">
            <source>“%1” and %n more</source>
            <translation>
                <numerusform>«%1» y %n más</numerusform>
                <numerusform>«%1» y %n más</numerusform>
            </translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <source>Remove from the list</source>
            <translation>Quitar de la lista</translation>
        </message>
        <message>
            <source>Starting…</source>
            <translation>Iniciando…</translation>
        </message>
        <message numerus="yes">
            <source>Counting… %n file(s), %1</source>
            <translation>
                <numerusform>Contando… %n archivo, %1</numerusform>
                <numerusform>Contando… %n archivos, %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 of %n file(s)</source>
            <translation>
                <numerusform>%1 de %n archivo</numerusform>
                <numerusform>%1 de %n archivos</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation>%1 de %2</translation>
        </message>
        <message>
            <source>%1/s</source>
            <translation>%1/s</translation>
        </message>
        <message>
            <source>%1 left</source>
            <translation>quedan %1</translation>
        </message>
        <message>
            <source>Cancelled after %1.</source>
            <translation>Cancelado tras %1.</translation>
        </message>
        <message numerus="yes">
            <source>Done: %n file(s)</source>
            <translation>
                <numerusform>Hecho: %n archivo</numerusform>
                <numerusform>Hecho: %n archivos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n folder(s)</source>
            <translation>
                <numerusform>, %n carpeta</numerusform>
                <numerusform>, %n carpetas</numerusform>
            </translation>
        </message>
        <message>
            <source>, %1 in %2.</source>
            <translation>, %1 en %2.</translation>
        </message>
        <message numerus="yes">
            <source>%n skipped.</source>
            <translation>
                <numerusform>%n omitido.</numerusform>
                <numerusform>%n omitidos.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n error(s):</source>
            <translation>
                <numerusform>%n error:</numerusform>
                <numerusform>%n errores:</numerusform>
            </translation>
        </message>
        <message>
            <source>History…</source>
            <translation>Historial…</translation>
        </message>
        <message>
            <source>Every operation done, to undo or redo one (Ctrl+Shift+H)</source>
            <translation>Cada operación hecha, para deshacer o rehacer una (Ctrl+Mayús+H)</translation>
        </message>
        <message>
            <source>Queued: starts when the operation before it ends.</source>
            <translation>En cola: empieza cuando termine la operación anterior.</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>Reanudar</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pausar</translation>
        </message>
        <message>
            <source>Paused: nothing is written until Resume.</source>
            <translation>En pausa: no se escribe nada hasta Reanudar.</translation>
        </message>
        <message>
            <source>Plan: %1</source>
            <translation>Plan: %1</translation>
        </message>
        <message>
            <source>Hold the operation between two pieces of data; Resume goes on</source>
            <translation>Detiene la operación entre dos bloques de datos; Reanudar la continúa</translation>
        </message>
        <message>
            <source>Cancelled before it started: nothing was done.</source>
            <translation>Cancelada antes de empezar: no se hizo nada.</translation>
        </message>
        <message>
            <source>Undone: %1</source>
            <translation>Deshecho: %1</translation>
        </message>
        <message>
            <source>Redone: %1</source>
            <translation>Rehecho: %1</translation>
        </message>
        <message>
            <source>Not undone: %1</source>
            <translation>No se deshizo: %1</translation>
        </message>
        <message>
            <source>Not redone: %1</source>
            <translation>No se rehízo: %1</translation>
        </message>
    </context>
    <context>
        <name>PathBar</name>
        <message>
            <source>Folders above</source>
            <translation>Carpetas superiores</translation>
        </message>
        <message>
            <source>Type a location (Ctrl+L)</source>
            <translation>Escribir una ubicación (Ctrl+L)</translation>
        </message>
        <message>
            <source>Type a location</source>
            <translation>Escribir una ubicación</translation>
        </message>
        <message>
            <source>Location</source>
            <translation>Ubicación</translation>
        </message>
    </context>
    <context>
        <name>PathTools</name>
        <message>
            <source>A path, e.g. mi_directorio/mi_archivo.txt</source>
            <translation>Una ruta, p. ej. mi_directorio/mi_archivo.txt</translation>
        </message>
        <message>
            <source>Joined to the path</source>
            <translation>Unida a la ruta</translation>
        </message>
        <message>
            <source>&lt;b&gt;Path tools&lt;/b&gt; (os.path)</source>
            <translation>&lt;b&gt;Herramientas de rutas&lt;/b&gt; (os.path)</translation>
        </message>
        <message>
            <source>p =</source>
            <translation>p =</translation>
        </message>
        <message>
            <source>q =</source>
            <translation>q =</translation>
        </message>
    </context>
    <context>
        <name>PlanDialog</name>
        <message>
            <source>Replace</source>
            <translation>Reemplazar</translation>
        </message>
        <message>
            <source>Merge into</source>
            <translation>Fusionar en</translation>
        </message>
        <message>
            <source>Write through the link</source>
            <translation>Escribir a través del enlace</translation>
        </message>
        <message>
            <source>Keep both (new name)</source>
            <translation>Conservar ambos (nombre nuevo)</translation>
        </message>
        <message>
            <source>Skip</source>
            <translation>Omitir</translation>
        </message>
        <message>
            <source>Ask</source>
            <translation>Preguntar</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>Rechazado</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s)</source>
            <translation>
                <numerusform>%n archivo</numerusform>
                <numerusform>%n archivos</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> (%n symbolic link(s))</source>
            <translation>
                <numerusform> (%n enlace simbólico)</numerusform>
                <numerusform> (%n enlaces simbólicos)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n folder(s)</source>
            <translation>
                <numerusform>, %n carpeta</numerusform>
                <numerusform>, %n carpetas</numerusform>
            </translation>
        </message>
        <message>
            <source>On the same filesystem: renamed at once, no data is copied.</source>
            <translation>En el mismo sistema de archivos: se renombra al instante, no se copia ningún dato.</translation>
        </message>
        <message>
            <source>To another filesystem: every file is copied, then the source is deleted.</source>
            <translation>A otro sistema de archivos: se copia cada archivo y después se elimina el origen.</translation>
        </message>
        <message>
            <source>To another filesystem.</source>
            <translation>A otro sistema de archivos.</translation>
        </message>
        <message>
            <source>On the same filesystem.</source>
            <translation>En el mismo sistema de archivos.</translation>
        </message>
        <message numerus="yes">
            <source>%n name(s) already taken: see below what happens to each.</source>
            <translation>
                <numerusform>%n nombre ya está ocupado: abajo se ve qué pasa con él.</numerusform>
                <numerusform>%n nombres ya están ocupados: abajo se ve qué pasa con cada uno.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Cannot be undone: %n file(s) replaced (their old contents are lost).</source>
            <translation>
                <numerusform>No se puede deshacer: se reemplaza %n archivo (su contenido anterior se pierde).</numerusform>
                <numerusform>No se puede deshacer: se reemplazan %n archivos (su contenido anterior se pierde).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not undone as one step: %n folder(s) merged into (what was there stays mixed with what comes).</source>
            <translation>
                <numerusform>No se deshace en un paso: se fusiona en %n carpeta (lo que había queda mezclado con lo que llega).</numerusform>
                <numerusform>No se deshace en un paso: se fusiona en %n carpetas (lo que había queda mezclado con lo que llega).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) would be refused: see below.</source>
            <translation>
                <numerusform>%n elemento se rechazaría: véase abajo.</numerusform>
                <numerusform>%n elementos se rechazarían: véase abajo.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not enough space: %1 to write, %2 free.</source>
            <translation>No hay espacio suficiente: %1 por escribir, %2 libres.</translation>
        </message>
        <message>
            <source>The plan was cancelled before it was complete.</source>
            <translation>El plan se canceló antes de completarse.</translation>
        </message>
        <message>
            <source>Plan: %1</source>
            <translation>Plan: %1</translation>
        </message>
        <message>
            <source>What happens</source>
            <translation>Qué pasa</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>There now</source>
            <translation>Hay ahora</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Nota</translation>
        </message>
        <message>
            <source>Names already taken and refusals</source>
            <translation>Nombres ya ocupados y rechazos</translation>
        </message>
        <message>
            <source>a folder</source>
            <translation>una carpeta</translation>
        </message>
        <message>
            <source>writes %1</source>
            <translation>escribe %1</translation>
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… y %n más</numerusform>
                <numerusform>… y %n más</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PythonCode</name>
        <message>
            <source>The standard library has no trash; the third-party send2trash package does it:</source>
            <translation>La biblioteca estándar no tiene papelera; el paquete externo send2trash sí:</translation>
        </message>
        <message>
            <source>Hard links kept, as cp -a does: shutil has no such option, its copytree makes each hard link a separate file.</source>
            <translation>Enlaces duros conservados, como hace cp -a: shutil no tiene esa opción, su copytree hace de cada enlace duro un archivo aparte.</translation>
        </message>
        <message>
            <source>Verify: read each copy back and compare its BLAKE2b with the source's. StdLab does it before the copy gets its name, and keeps no copy that differs.</source>
            <translation>Verificar: releer cada copia y comparar su BLAKE2b con el del origen. StdLab lo hace antes de que la copia reciba su nombre, y no conserva ninguna copia que difiera.</translation>
        </message>
        <message>
            <source>Verify: across filesystems shutil.move copies, then deletes; StdLab reads the copy back and compares its BLAKE2b before deleting the source.</source>
            <translation>Verificar: entre sistemas de archivos shutil.move copia y luego borra; StdLab relee la copia y compara su BLAKE2b antes de borrar el origen.</translation>
        </message>
        <message>
            <source>root_dir: where the names start; base_dir: what goes in (its members are named from it)</source>
            <translation>root_dir: donde empiezan los nombres; base_dir: lo que entra (sus miembros se nombran a partir de él)</translation>
        </message>
        <message>
            <source>A zip takes no filter= in Python 3.11 (TypeError): shutil skips names that start with / or hold '..'; StdLab checks each member as the "data" filter does and lists the ones it refuses.</source>
            <translation>Un zip no admite filter= en Python 3.11 (TypeError): shutil omite los nombres que empiezan por / o contienen '..'; StdLab comprueba cada miembro como el filtro "data" y enumera los que rechaza.</translation>
        </message>
        <message>
            <source>filter="data" (PEP 706): a member that would land outside the folder, a link out of it or to an absolute path, a device is refused; modes are limited (no setuid, no group/other write).</source>
            <translation>filter="data" (PEP 706): se rechaza un miembro que quedaría fuera de la carpeta, un enlace que sale de ella o a una ruta absoluta, un dispositivo; los modos se limitan (sin setuid, sin escritura para grupo y otros).</translation>
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
        <name>PythonRunPane</name>
        <message>
            <source>Run in Python</source>
            <translation>Ejecutar en Python</translation>
        </message>
        <message>
            <source>▶ Run</source>
            <translation>▶ Ejecutar</translation>
        </message>
        <message>
            <source>Run this program with python3 and compare what it prints with what StdLab shows</source>
            <translation>Ejecuta este programa con python3 y compara lo que imprime con lo que muestra StdLab</translation>
        </message>
        <message>
            <source>■ Stop</source>
            <translation>■ Detener</translation>
        </message>
        <message>
            <source>Stop the running program</source>
            <translation>Detiene el programa en ejecución</translation>
        </message>
        <message>
            <source>StdLab shows</source>
            <translation>StdLab muestra</translation>
        </message>
        <message>
            <source>Python printed</source>
            <translation>Python imprimió</translation>
        </message>
        <message>
            <source>Running python3 (stops after %1 s)...</source>
            <translation>Ejecutando python3 (se detiene a los %1 s)...</translation>
        </message>
        <message>
            <source>python3 was not found on PATH, so the program cannot run. Install Python 3: on Debian or Ubuntu `sudo apt install python3`, on Fedora `sudo dnf install python3`, on macOS `brew install python3`, on Windows from python.org; then start StdLab again.</source>
            <translation>No se encontró python3 en el PATH, así que el programa no puede ejecutarse. Instala Python 3: en Debian o Ubuntu `sudo apt install python3`, en Fedora `sudo dnf install python3`, en macOS `brew install python3`, en Windows desde python.org; luego vuelve a abrir StdLab.</translation>
        </message>
        <message>
            <source>python3 could not be started: %1</source>
            <translation>No se pudo iniciar python3: %1</translation>
        </message>
        <message>
            <source>Stopped after %1 s, the time limit. A server waits for clients until it is stopped: that is expected for one.</source>
            <translation>Detenido a los %1 s, el tiempo límite. Un servidor espera clientes hasta que se le detiene: en uno es lo esperado.</translation>
        </message>
        <message>
            <source>Stopped.</source>
            <translation>Detenido.</translation>
        </message>
        <message>
            <source>python3 crashed.</source>
            <translation>python3 se ha cerrado de forma inesperada.</translation>
        </message>
        <message>
            <source>Python finished in %1 s.</source>
            <translation>Python terminó en %1 s.</translation>
        </message>
        <message>
            <source>Python ended with an error (exit status %1).</source>
            <translation>Python terminó con un error (código de salida %1).</translation>
        </message>
        <message>
            <source>(output shortened: only the first MiB is shown)</source>
            <translation>(salida recortada: solo se muestra el primer MiB)</translation>
        </message>
        <message>
            <source>%1 on line %2.</source>
            <translation>%1 en la línea %2.</translation>
        </message>
        <message>
            <source>%1.</source>
            <translation>%1.</translation>
        </message>
        <message>
            <source>✓ Python printed the same as StdLab</source>
            <translation>✓ Python imprimió lo mismo que StdLab</translation>
        </message>
        <message>
            <source>Python printed something else than StdLab shows, from line %1 on:</source>
            <translation>Python imprimió algo distinto de lo que muestra StdLab, a partir de la línea %1:</translation>
        </message>
        <message>
            <source>The folder or file is already there: os.mkdir() will not create it twice. Check first with os.path.exists(), or use os.makedirs(path, exist_ok=True).</source>
            <translation>La carpeta o el archivo ya existe: os.mkdir() no lo crea dos veces. Compruébalo antes con os.path.exists(), o usa os.makedirs(ruta, exist_ok=True).</translation>
        </message>
        <message>
            <source>That path does not exist, seen from the folder the program runs in. Check the name (and the current folder), or create it first.</source>
            <translation>Esa ruta no existe, vista desde la carpeta en la que se ejecuta el programa. Revisa el nombre (y la carpeta actual), o créala antes.</translation>
        </message>
        <message>
            <source>os.rmdir() only removes empty folders. Remove what is inside first, or use shutil.rmtree() to remove the folder with everything in it.</source>
            <translation>os.rmdir() solo borra carpetas vacías. Borra antes lo que hay dentro, o usa shutil.rmtree() para borrar la carpeta con todo su contenido.</translation>
        </message>
        <message>
            <source>That is a folder, not a file: os.remove() only removes files. Use os.rmdir() for an empty folder or shutil.rmtree() for a full one.</source>
            <translation>Eso es una carpeta, no un archivo: os.remove() solo borra archivos. Usa os.rmdir() para una carpeta vacía o shutil.rmtree() para una llena.</translation>
        </message>
        <message>
            <source>A part of that path is a file, not a folder.</source>
            <translation>Una parte de esa ruta es un archivo, no una carpeta.</translation>
        </message>
        <message>
            <source>The system does not allow that here (permissions). Practise inside the course's sandbox folder.</source>
            <translation>El sistema no lo permite aquí (permisos). Practica dentro de la carpeta arenero del curso.</translation>
        </message>
        <message>
            <source>No server is listening on that address and port. Start the server first (Chat tab, Start) and check that the port is the same.</source>
            <translation>No hay ningún servidor escuchando en esa dirección y puerto. Arranca antes el servidor (pestaña Chat, Iniciar) y comprueba que el puerto es el mismo.</translation>
        </message>
        <message>
            <source>That port is taken: another server uses it, or one that just stopped still holds it. Set SO_REUSEADDR before bind(), stop the other server, or choose another port.</source>
            <translation>Ese puerto está ocupado: lo usa otro servidor, o uno que acaba de pararse aún lo retiene. Activa SO_REUSEADDR antes de bind(), detén el otro servidor o elige otro puerto.</translation>
        </message>
        <message>
            <source>The other side closed the connection while this program was still using it.</source>
            <translation>El otro extremo cerró la conexión mientras este programa aún la usaba.</translation>
        </message>
        <message>
            <source>Nobody answered in time: is the server running, and on that port?</source>
            <translation>Nadie respondió a tiempo: ¿está el servidor en marcha, y en ese puerto?</translation>
        </message>
        <message>
            <source>The pattern is not a valid regular expression; the message says what and where. Check brackets and backslashes, and write patterns as raw strings (r"...").</source>
            <translation>El patrón no es una expresión regular válida; el mensaje dice qué falla y dónde. Revisa paréntesis, corchetes y barras invertidas, y escribe los patrones como cadenas crudas (r"...").</translation>
        </message>
        <message>
            <source>strptime(): the text does not follow the format exactly. Each directive must match its part of the text (%d two digits, %Y four, %y two) and every other character must be the same, separators included.</source>
            <translation>strptime(): el texto no sigue el formato exactamente. Cada directiva debe coincidir con su parte del texto (%d dos cifras, %Y cuatro, %y dos) y todos los demás caracteres deben ser iguales, separadores incluidos.</translation>
        </message>
        <message>
            <source>That date does not exist (a 31 June, a month 13...). The numbers go year, month, day.</source>
            <translation>Esa fecha no existe (un 31 de junio, un mes 13...). Los números van año, mes, día.</translation>
        </message>
        <message>
            <source>There is no time zone with that name. Zone names look like Europe/Madrid or America/New_York.</source>
            <translation>No hay ninguna zona horaria con ese nombre. Los nombres de zona son como Europe/Madrid o America/New_York.</translation>
        </message>
        <message>
            <source>One datetime has a time zone and the other has none, so Python will not compare or subtract them. Give both a zone, or neither.</source>
            <translation>Un datetime tiene zona horaria y el otro no, así que Python no los compara ni los resta. Dales zona a los dos, o a ninguno.</translation>
        </message>
        <message>
            <source>Those bytes are not text in that encoding. Use encoding="utf-8", and .encode() / .decode() on both ends of a socket.</source>
            <translation>Esos bytes no son texto en esa codificación. Usa encoding="utf-8", y .encode() / .decode() en los dos extremos de un socket.</translation>
        </message>
        <message>
            <source>The program waits for input() and Run gives it none. Run it in a terminal to type its input.</source>
            <translation>El programa espera input() y Ejecutar no le da ninguna entrada. Ejecútalo en una terminal para escribírsela.</translation>
        </message>
        <message>
            <source>Python could not read the program: look for a typo, a missing colon or parenthesis, or wrong indentation on that line.</source>
            <translation>Python no pudo leer el programa: busca una errata, dos puntos o un paréntesis que falten, o una sangría incorrecta en esa línea.</translation>
        </message>
        <message>
            <source>A name is used that was never defined: a typo, or a missing import.</source>
            <translation>Se usa un nombre que nunca se definió: una errata o un import que falta.</translation>
        </message>
        <message>
            <source>Python output</source>
            <translation>Salida de Python</translation>
        </message>
        <message>
            <source>What StdLab shows beside what Python printed</source>
            <translation>Lo que muestra StdLab junto a lo que imprimió Python</translation>
        </message>
        <message>
            <source>That module is not installed for this python3. dateutil (relativedelta, which the Dates tab uses to add months or years) is not in the standard library: install it with `pip install python-dateutil` (on Debian or Ubuntu `sudo apt install python3-dateutil`), or add only days, weeks and hours, which datetime.timedelta does.</source>
            <translation>Ese módulo no está instalado para este python3. dateutil (relativedelta, que la pestaña Fechas usa para sumar meses o años) no está en la biblioteca estándar: instálalo con `pip install python-dateutil` (en Debian o Ubuntu `sudo apt install python3-dateutil`), o suma solo días, semanas y horas, que datetime.timedelta sí sabe.</translation>
        </message>
    </context>
    <context>
        <name>QObject</name>
        <message>
            <source>port %1 is already in use</source>
            <translation>el puerto %1 ya está en uso</translation>
        </message>
        <message>
            <source>port %1 needs administrator privileges (ports below 1024)</source>
            <translation>el puerto %1 necesita privilegios de administrador (puertos por debajo de 1024)</translation>
        </message>
        <message>
            <source>port %1: permission denied</source>
            <translation>puerto %1: permiso denegado</translation>
        </message>
        <message>
            <source>cannot listen on %1: address not available (port %2)</source>
            <translation>no se puede escuchar en %1: dirección no disponible (puerto %2)</translation>
        </message>
        <message>
            <source>cannot listen on %1 port %2: %3</source>
            <translation>no se puede escuchar en %1, puerto %2: %3</translation>
        </message>
        <message>
            <source>PEM files (*.pem *.crt *.cer *.key);;All files (*)</source>
            <translation>Ficheros PEM (*.pem *.crt *.cer *.key);;Todos los ficheros (*)</translation>
        </message>
    </context>
    <context>
        <name>RailroadPane</name>
        <message>
            <source>The pattern does not compile: %1</source>
            <translation>El patrón no compila: %1</translation>
        </message>
        <message>
            <source>The diagram is cut at %1 boxes.</source>
            <translation>El diagrama se corta en %1 cajas.</translation>
        </message>
        <message>
            <source>-</source>
            <translation>-</translation>
        </message>
        <message>
            <source>Zoom out (Ctrl+-)</source>
            <translation>Alejar (Ctrl+-)</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>Alejar</translation>
        </message>
        <message>
            <source>+</source>
            <translation>+</translation>
        </message>
        <message>
            <source>Zoom in (Ctrl++)</source>
            <translation>Acercar (Ctrl++)</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>Acercar</translation>
        </message>
        <message>
            <source>%1%</source>
            <translation>%1%</translation>
        </message>
        <message>
            <source>Railroad diagram of the pattern</source>
            <translation>Diagrama de vías del patrón</translation>
        </message>
        <message>
            <source>Zoom %1%: back to the actual size (Ctrl+0)</source>
            <translation>Zoom %1%: volver al tamaño real (Ctrl+0)</translation>
        </message>
        <message>
            <source>Actual size</source>
            <translation>Tamaño real</translation>
        </message>
        <message>
            <source>Export the Railroad Diagram</source>
            <translation>Exportar el diagrama de vías</translation>
        </message>
        <message>
            <source>SVG image (*.svg);;PNG image (*.png)</source>
            <translation>Imagen SVG (*.svg);;Imagen PNG (*.png)</translation>
        </message>
        <message>
            <source>The diagram is %1 x %2 px, too large for a PNG (at most %3 px a side): export it as SVG.</source>
            <translation>El diagrama mide %1 x %2 px, demasiado para un PNG (como mucho %3 px por lado): hay que exportarlo como SVG.</translation>
        </message>
        <message>
            <source>Exported to %1.</source>
            <translation>Exportado a %1.</translation>
        </message>
        <message>
            <source>Cannot write %1: %2</source>
            <translation>No se puede escribir %1: %2</translation>
        </message>
        <message>
            <source>Export...</source>
            <translation>Exportar...</translation>
        </message>
        <message>
            <source>Save the diagram as an SVG or PNG image</source>
            <translation>Guardar el diagrama como imagen SVG o PNG</translation>
        </message>
    </context>
    <context>
        <name>RedosPlot</name>
        <message>
            <source>n (repetitions of the pump)</source>
            <extracomment>The plot's horizontal axis: how many times the pump is repeated.</extracomment>
            <translation>n (repeticiones del bombeo)</translation>
        </message>
        <message>
            <source>steps</source>
            <extracomment>The plot's vertical axis: the steps of the backtracking run.</extracomment>
            <translation>pasos</translation>
        </message>
    </context>
    <context>
        <name>RedosView</name>
        <message>
            <source>ReDoS: checking...</source>
            <translation>ReDoS: comprobando...</translation>
        </message>
        <message>
            <source>ReDoS: -</source>
            <translation>ReDoS: -</translation>
        </message>
        <message>
            <source>ReDoS: exponential</source>
            <translation>ReDoS: exponencial</translation>
        </message>
        <message>
            <source>ReDoS: polynomial (n^%1)</source>
            <translation>ReDoS: polinómico (n^%1)</translation>
        </message>
        <message>
            <source>ReDoS: safe</source>
            <translation>ReDoS: seguro</translation>
        </message>
        <message>
            <source>Checking whether the pattern can backtrack catastrophically...</source>
            <translation>Comprobando si el patrón puede caer en un retroceso catastrófico...</translation>
        </message>
        <message>
            <source>The pattern does not compile: %1</source>
            <translation>El patrón no compila: %1</translation>
        </message>
        <message>
            <source>Safe: no repetition in this pattern makes backtracking blow up.</source>
            <translation>Seguro: ninguna repetición de este patrón hace que el retroceso se dispare.</translation>
        </message>
        <message>
            <source>Exponential backtracking: each repetition of the pump multiplies the time %1 takes to fail.</source>
            <translation>Retroceso exponencial: cada repetición del bombeo multiplica el tiempo que tarda %1 en fallar.</translation>
        </message>
        <message>
            <source>Polynomial backtracking: the time %1 takes to fail grows as n^%2 for n repetitions of the pump.</source>
            <translation>Retroceso polinómico: el tiempo que tarda %1 en fallar crece como n^%2 para n repeticiones del bombeo.</translation>
        </message>
        <message>
            <source>Responsible part (underlined in the pattern): %1</source>
            <translation>Parte responsable (subrayada en el patrón): %1</translation>
        </message>
        <message>
            <source>&amp;n:</source>
            <translation>&amp;n:</translation>
        </message>
        <message>
            <source>How many times the pump is repeated</source>
            <translation>Cuántas veces se repite el bombeo</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Copiar</translation>
        </message>
        <message>
            <source>Copy the attack as a Python expression</source>
            <translation>Copiar el ataque como expresión de Python</translation>
        </message>
        <message>
            <source>&amp;Try It</source>
            <translation>&amp;Probarlo</translation>
        </message>
        <message>
            <source>Put the attack in the test text</source>
            <translation>Poner el ataque en el texto de prueba</translation>
        </message>
        <message>
            <source>Steps of the backtracking run against n</source>
            <translation>Pasos de la ejecución con retroceso según n</translation>
        </message>
        <message>
            <source>&amp;Attack:</source>
            <translation>&amp;Ataque:</translation>
        </message>
        <message>
            <source>The text for re.fullmatch: n repetitions of the pump between a prefix and a suffix</source>
            <translation>El texto para re.fullmatch: n repeticiones del bombeo entre un prefijo y un sufijo</translation>
        </message>
        <message>
            <source>The text for re.match and re.search: n repetitions of the pump between a prefix and a suffix</source>
            <translation>El texto para re.match y re.search: n repeticiones del bombeo entre un prefijo y un sufijo</translation>
        </message>
        <message>
            <source>ReDoS: re.search n^%1</source>
            <translation>ReDoS: re.search n^%1</translation>
        </message>
        <message>
            <source>ReDoS: polynomial (n^%1, re.search n^%2)</source>
            <translation>ReDoS: polinómico (n^%1, re.search n^%2)</translation>
        </message>
        <message>
            <source>ReDoS: unknown</source>
            <translation>ReDoS: desconocido</translation>
        </message>
        <message>
            <source>Unknown: the repeat %1 (underlined in the pattern) takes more than %2 steps already on the text below with n = %3, too many to tell a large constant from a growth. No blow-up was confirmed, but the pattern was not shown to be safe.</source>
            <translation>Desconocido: la repetición %1 (subrayada en el patrón) pasa de %2 pasos ya con el texto de abajo con n = %3, demasiados para distinguir una constante grande de un crecimiento. No se confirmó ningún disparo, pero no se demostró que el patrón sea seguro.</translation>
        </message>
        <message>
            <source>Unknown: the analysis ran out of time before it measured every repetition. No blow-up was confirmed, but the pattern was not shown to be safe.</source>
            <translation>Desconocido: al análisis se le acabó el tiempo antes de medir todas las repeticiones. No se confirmó ningún disparo, pero no se demostró que el patrón sea seguro.</translation>
        </message>
        <message>
            <source>re.search, findall, finditer, sub and split try every start of the text; re.match showed no growth.</source>
            <translation>re.search, findall, finditer, sub y split prueban cada inicio del texto; re.match no mostró crecimiento.</translation>
        </message>
        <message>
            <source>re.search, which tries every start of the text, grows as n^%1 on it.</source>
            <translation>re.search, que prueba cada inicio del texto, crece como n^%1 con él.</translation>
        </message>
        <message>
            <source>&amp;Text:</source>
            <translation>&amp;Texto:</translation>
        </message>
        <message>
            <source>The text that went over the step budget: n repetitions of the pump between a prefix and a suffix</source>
            <translation>El texto que pasó del presupuesto de pasos: n repeticiones del bombeo entre un prefijo y un sufijo</translation>
        </message>
        <message>
            <source>The text for re.search (findall, finditer, sub, split): n repetitions of the pump between a prefix and a suffix</source>
            <translation>El texto para re.search (findall, finditer, sub, split): n repeticiones del bombeo entre un prefijo y un sufijo</translation>
        </message>
    </context>
    <context>
        <name>RegexExplain</name>
        <message>
            <source>group %1</source>
            <translation>grupo %1</translation>
        </message>
        <message>
            <source>group %1 (%2)</source>
            <translation>grupo %1 (%2)</translation>
        </message>
        <message>
            <source>, in either case (IGNORECASE)</source>
            <translation>, en mayúsculas o minúsculas (IGNORECASE)</translation>
        </message>
        <message>
            <source>a digit 0-9 (ASCII flag)</source>
            <translation>un dígito 0-9 (opción ASCII)</translation>
        </message>
        <message>
            <source>a digit: any Unicode decimal digit, not only 0-9, because the ASCII flag is off</source>
            <translation>un dígito: cualquier dígito decimal de Unicode, no solo 0-9, porque la opción ASCII no está activada</translation>
        </message>
        <message>
            <source>any character but a digit 0-9 (ASCII flag)</source>
            <translation>cualquier carácter que no sea un dígito 0-9 (opción ASCII)</translation>
        </message>
        <message>
            <source>any character but a Unicode decimal digit</source>
            <translation>cualquier carácter que no sea un dígito decimal de Unicode</translation>
        </message>
        <message>
            <source>a whitespace character: space, \t, \n, \r, \f or \v (ASCII flag)</source>
            <translation>un carácter de espacio en blanco: espacio, \t, \n, \r, \f o \v (opción ASCII)</translation>
        </message>
        <message>
            <source>a whitespace character: space, tab, newline and the other Unicode spaces, because the ASCII flag is off</source>
            <translation>un carácter de espacio en blanco: espacio, tabulador, salto de línea y los demás espacios de Unicode, porque la opción ASCII no está activada</translation>
        </message>
        <message>
            <source>any character but whitespace</source>
            <translation>cualquier carácter que no sea espacio en blanco</translation>
        </message>
        <message>
            <source>a word character: a-z, A-Z, 0-9 or underscore (ASCII flag)</source>
            <translation>un carácter de palabra: a-z, A-Z, 0-9 o guion bajo (opción ASCII)</translation>
        </message>
        <message>
            <source>a word character: Unicode letters, digits and underscore, because the ASCII flag is off</source>
            <translation>un carácter de palabra: letras y dígitos de Unicode y el guion bajo, porque la opción ASCII no está activada</translation>
        </message>
        <message>
            <source>any character but a-z, A-Z, 0-9 and underscore (ASCII flag)</source>
            <translation>cualquier carácter salvo a-z, A-Z, 0-9 y el guion bajo (opción ASCII)</translation>
        </message>
        <message>
            <source>any character but a Unicode letter, digit or underscore</source>
            <translation>cualquier carácter que no sea una letra o un dígito de Unicode ni el guion bajo</translation>
        </message>
        <message>
            <source>the start of a line (MULTILINE)</source>
            <translation>el comienzo de una línea (MULTILINE)</translation>
        </message>
        <message>
            <source>the start of the text</source>
            <translation>el comienzo del texto</translation>
        </message>
        <message>
            <source>the end of a line (MULTILINE)</source>
            <translation>el final de una línea (MULTILINE)</translation>
        </message>
        <message>
            <source>the end of the text, or just before a newline that ends it</source>
            <translation>el final del texto, o justo antes de un salto de línea que lo termine</translation>
        </message>
        <message>
            <source>the start of the text, whatever the flags</source>
            <translation>el comienzo del texto, sean cuales sean las opciones</translation>
        </message>
        <message>
            <source>the very end of the text, whatever the flags</source>
            <translation>el final exacto del texto, sean cuales sean las opciones</translation>
        </message>
        <message>
            <source>a word boundary: a word character on one side only</source>
            <translation>un límite de palabra: un carácter de palabra a un solo lado</translation>
        </message>
        <message>
            <source>not a word boundary</source>
            <translation>no límite de palabra</translation>
        </message>
        <message numerus="yes">
            <source>exactly %n time(s)</source>
            <translation>
                <numerusform>exactamente %n vez</numerusform>
                <numerusform>exactamente %n veces</numerusform>
            </translation>
        </message>
        <message>
            <source>optionally (0 or 1 time)</source>
            <translation>de forma opcional (0 o 1 vez)</translation>
        </message>
        <message>
            <source>zero or more times</source>
            <translation>cero o más veces</translation>
        </message>
        <message>
            <source>between %1 and %2 times</source>
            <translation>entre %1 y %2 veces</translation>
        </message>
        <message>
            <source>%1, as few as possible (lazy):</source>
            <translation>%1, las menos posibles (perezoso):</translation>
        </message>
        <message>
            <source>%1, as many as possible and never giving any back (possessive):</source>
            <translation>%1, las más posibles y sin devolver nunca ninguna (posesivo):</translation>
        </message>
        <message>
            <source>%1, as many as possible (greedy):</source>
            <translation>%1, las más posibles (codicioso):</translation>
        </message>
        <message>
            <source>the character %1</source>
            <translation>el carácter %1</translation>
        </message>
        <message>
            <source>any character but %1</source>
            <translation>cualquier carácter salvo %1</translation>
        </message>
        <message>
            <source>any character, newline included (DOTALL)</source>
            <translation>cualquier carácter, también el salto de línea (DOTALL)</translation>
        </message>
        <message>
            <source>any character but a newline</source>
            <translation>cualquier carácter salvo el salto de línea</translation>
        </message>
        <message>
            <source>a character from %1 to %2</source>
            <translation>un carácter de %1 a %2</translation>
        </message>
        <message>
            <source>one character that is none of these%1:</source>
            <translation>un carácter que no sea ninguno de estos%1:</translation>
        </message>
        <message>
            <source>one character that is any of these%1:</source>
            <translation>un carácter que sea cualquiera de estos%1:</translation>
        </message>
        <message numerus="yes">
            <source>one of %n alternative(s), tried from left to right; the first that lets the rest match wins:</source>
            <translation>
                <numerusform>una de %n alternativa, probadas de izquierda a derecha; gana la primera que deja coincidir el resto:</numerusform>
                <numerusform>una de %n alternativas, probadas de izquierda a derecha; gana la primera que deja coincidir el resto:</numerusform>
            </translation>
        </message>
        <message>
            <source>alternative %1: nothing (matches the empty string)</source>
            <translation>alternativa %1: nada (coincide con la cadena vacía)</translation>
        </message>
        <message>
            <source>alternative %1:</source>
            <translation>alternativa %1:</translation>
        </message>
        <message>
            <source>a group that changes the flags (%1) for its part:</source>
            <translation>un grupo que cambia las opciones (%1) en su parte:</translation>
        </message>
        <message>
            <source>%1, capturing what this part matches:</source>
            <translation>%1, que captura lo que coincide con esta parte:</translation>
        </message>
        <message>
            <source>an atomic group: once it has matched, it never gives characters back:</source>
            <translation>un grupo atómico: una vez que coincide, nunca devuelve caracteres:</translation>
        </message>
        <message>
            <source>the same text %1 matched</source>
            <translation>el mismo texto con el que coincidió el %1</translation>
        </message>
        <message>
            <source>a condition: if %1 has matched</source>
            <translation>una condición: si el %1 ha coincidido</translation>
        </message>
        <message>
            <source>then: nothing</source>
            <translation>entonces: nada</translation>
        </message>
        <message>
            <source>then:</source>
            <translation>entonces:</translation>
        </message>
        <message>
            <source>else: nothing</source>
            <translation>si no: nada</translation>
        </message>
        <message>
            <source>else:</source>
            <translation>si no:</translation>
        </message>
        <message>
            <source>not preceded by this (negative lookbehind, consumes nothing):</source>
            <translation>no precedido de esto (lookbehind negativo, no consume nada):</translation>
        </message>
        <message>
            <source>preceded by this (lookbehind, consumes nothing):</source>
            <translation>precedido de esto (lookbehind, no consume nada):</translation>
        </message>
        <message>
            <source>not followed by this (negative lookahead, consumes nothing):</source>
            <translation>no seguido de esto (lookahead negativo, no consume nada):</translation>
        </message>
        <message>
            <source>followed by this (lookahead, consumes nothing):</source>
            <translation>seguido de esto (lookahead, no consume nada):</translation>
        </message>
        <message>
            <source>flags in force: %1</source>
            <translation>opciones activas: %1</translation>
        </message>
        <message>
            <source>nothing: matches the empty string everywhere</source>
            <translation>nada: coincide con la cadena vacía en todas partes</translation>
        </message>
        <message>
            <source>%1 or more times</source>
            <translation>%1 o más veces</translation>
        </message>
    </context>
    <context>
        <name>RegexExplainView</name>
        <message>
            <source>... and %1 more elements</source>
            <translation>... y %1 elementos más</translation>
        </message>
        <message>
            <source>Pattern</source>
            <translation>Patrón</translation>
        </message>
        <message>
            <source>Meaning</source>
            <translation>Significado</translation>
        </message>
    </context>
    <context>
        <name>RegexMatchTableModel</name>
        <message>
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <source>Span</source>
            <translation>Span</translation>
        </message>
        <message>
            <source>Match</source>
            <translation>Coincidencia</translation>
        </message>
        <message>
            <source>Group %1</source>
            <translation>Grupo %1</translation>
        </message>
        <message>
            <source>%1 span</source>
            <translation>span de %1</translation>
        </message>
    </context>
    <context>
        <name>RegexPanel</name>
        <message>
            <source>findall: every "gato"</source>
            <translation>findall: cada "gato"</translation>
        </message>
        <message>
            <source>findall: dates dd/mm/yyyy</source>
            <translation>findall: fechas dd/mm/aaaa</translation>
        </message>
        <message>
            <source>findall: e-mails with groups</source>
            <translation>findall: correos con grupos</translation>
        </message>
        <message>
            <source>sub: "gato" becomes "perro"</source>
            <translation>sub: "gato" pasa a ser "perro"</translation>
        </message>
        <message>
            <source>split: at each comma</source>
            <translation>split: en cada coma</translation>
        </message>
        <message>
            <source>fullmatch: e-mail validator</source>
            <translation>fullmatch: validar un correo</translation>
        </message>
        <message>
            <source>findall: \bcar (words starting with car)</source>
            <translation>findall: \bcar (palabras que empiezan por car)</translation>
        </message>
        <message>
            <source>findall: car\b (words ending in car)</source>
            <translation>findall: car\b (palabras que terminan en car)</translation>
        </message>
        <message>
            <source>finditer: dates with start and end</source>
            <translation>finditer: fechas con start y end</translation>
        </message>
        <message>
            <source>Cannot read %1</source>
            <translation>No se puede leer %1</translation>
        </message>
        <message>
            <source>Examples</source>
            <translation>Ejemplos</translation>
        </message>
        <message>
            <source>&amp;Pattern:</source>
            <translation>&amp;Patrón:</translation>
        </message>
        <message>
            <source>&amp;i IGNORECASE</source>
            <translation>&amp;i IGNORECASE</translation>
        </message>
        <message>
            <source>&amp;m MULTILINE</source>
            <translation>&amp;m MULTILINE</translation>
        </message>
        <message>
            <source>&amp;s DOTALL</source>
            <translation>&amp;s DOTALL</translation>
        </message>
        <message>
            <source>&amp;x VERBOSE</source>
            <translation>&amp;x VERBOSE</translation>
        </message>
        <message>
            <source>&amp;a ASCII</source>
            <translation>&amp;a ASCII</translation>
        </message>
        <message>
            <source>Letters match in any case</source>
            <translation>Las letras coinciden sin distinguir mayúsculas de minúsculas</translation>
        </message>
        <message>
            <source>^ and $ match at every line</source>
            <translation>^ y $ coinciden en cada línea</translation>
        </message>
        <message>
            <source>The dot matches newlines too</source>
            <translation>El punto coincide también con los saltos de línea</translation>
        </message>
        <message>
            <source>Whitespace and # comments in the pattern are ignored</source>
            <translation>Se ignoran los espacios y los comentarios # del patrón</translation>
        </message>
        <message>
            <source>\w \d \s \b match ASCII only</source>
            <translation>\w \d \s \b solo coinciden con ASCII</translation>
        </message>
        <message>
            <source>&amp;Function:</source>
            <translation>&amp;Función:</translation>
        </message>
        <message>
            <source>&amp;Replacement:</source>
            <translation>&amp;Reemplazo:</translation>
        </message>
        <message>
            <source>\1, \g&lt;name&gt;</source>
            <translation>\1, \g&lt;nombre&gt;</translation>
        </message>
        <message>
            <source>&amp;Test text:</source>
            <translation>&amp;Texto de prueba:</translation>
        </message>
        <message>
            <source>&amp;Open File...</source>
            <translation>&amp;Abrir archivo...</translation>
        </message>
        <message>
            <source>Previous</source>
            <translation>Anterior</translation>
        </message>
        <message>
            <source>Previous match (Shift+F3)</source>
            <translation>Coincidencia anterior (Mayús+F3)</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Siguiente</translation>
        </message>
        <message>
            <source>Next match (F3)</source>
            <translation>Coincidencia siguiente (F3)</translation>
        </message>
        <message>
            <source>Next Match</source>
            <translation>Coincidencia siguiente</translation>
        </message>
        <message>
            <source>Previous Match</source>
            <translation>Coincidencia anterior</translation>
        </message>
        <message>
            <source>Matches</source>
            <translation>Coincidencias</translation>
        </message>
        <message>
            <source>max&amp;split:</source>
            <translation>max&amp;split:</translation>
        </message>
        <message>
            <source>&amp;count:</source>
            <translation>&amp;count:</translation>
        </message>
        <message>
            <source>all</source>
            <translation>todas</translation>
        </message>
        <message>
            <source>stopped: backtracking limit</source>
            <translation>detenido: límite de retroceso</translation>
        </message>
        <message>
            <source>error</source>
            <translation>error</translation>
        </message>
        <message>
            <source>running...</source>
            <translation>buscando...</translation>
        </message>
        <message>
            <source>no match</source>
            <translation>sin coincidencias</translation>
        </message>
        <message>
            <source>1 match</source>
            <translation>1 coincidencia</translation>
        </message>
        <message>
            <source>%1 matches</source>
            <translation>%1 coincidencias</translation>
        </message>
        <message>
            <source>The pattern backtracks too much on this text (for example a nested repetition such as (a+)+): the search was stopped, which does not mean that nothing matches.</source>
            <translation>El patrón retrocede demasiado (backtracking) con este texto (por ejemplo, una repetición anidada como (a+)+): la búsqueda se ha detenido, lo que no significa que nada coincida.</translation>
        </message>
        <message>
            <source>bad replacement: %1</source>
            <translation>reemplazo no válido: %1</translation>
        </message>
        <message>
            <source>(shortened: the result is too long to show in full)</source>
            <translation>(recortado: el resultado es demasiado largo para mostrarlo entero)</translation>
        </message>
        <message>
            <source>Open Test Text</source>
            <translation>Abrir texto de prueba</translation>
        </message>
        <message>
            <source>Reading %1...</source>
            <translation>Leyendo %1...</translation>
        </message>
        <message>
            <source>p&amp;os:</source>
            <translation>p&amp;os:</translation>
        </message>
        <message>
            <source>start</source>
            <translation>inicio</translation>
        </message>
        <message>
            <source>Where the search starts: a character index, as Python counts them (the compiled pattern's method is called: patron.findall(texto, pos))</source>
            <translation>Dónde empieza la búsqueda: un índice de carácter, contado como en Python (se llama al método del patrón compilado: patron.findall(texto, pos))</translation>
        </message>
        <message>
            <source>&amp;endpos:</source>
            <translation>&amp;endpos:</translation>
        </message>
        <message>
            <source>end</source>
            <translation>final</translation>
        </message>
        <message>
            <source>Where the text ends for the search (a character index): as if the text were only texto[:endpos]</source>
            <translation>Dónde acaba el texto para la búsqueda (un índice de carácter): como si el texto fuera solo texto[:endpos]</translation>
        </message>
        <message>
            <source>Result (as the program prints it)</source>
            <translation>Resultado (como lo imprime el programa)</translation>
        </message>
        <message>
            <source>(the first %1)</source>
            <translation>(las %1 primeras)</translation>
        </message>
        <message>
            <source>Matches found before it: %1.</source>
            <translation>Coincidencias encontradas antes: %1.</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Resultado</translation>
        </message>
        <message>
            <source>Explanation</source>
            <translation>Explicación</translation>
        </message>
        <message>
            <source>What each part of the pattern means, as Python parses it</source>
            <translation>Qué significa cada parte del patrón, tal como lo analiza Python</translation>
        </message>
        <message>
            <source>ReDoS</source>
            <translation>ReDoS</translation>
        </message>
        <message>
            <source>Whether the pattern can hang Python's re by catastrophic backtracking, and the text that does it</source>
            <translation>Si el patrón puede colgar el re de Python por retroceso catastrófico, y el texto que lo provoca</translation>
        </message>
        <message>
            <source>Catastrophic backtracking (ReDoS): show the details</source>
            <translation>Retroceso catastrófico (ReDoS): ver los detalles</translation>
        </message>
        <message>
            <source>Railroad</source>
            <translation>Diagrama</translation>
        </message>
        <message>
            <source>The pattern as a railroad diagram: every path a match can take, left to right</source>
            <translation>El patrón como diagrama de vías: cada camino que puede seguir una coincidencia, de izquierda a derecha</translation>
        </message>
    </context>
    <context>
        <name>RegexRailroad</name>
        <message>
            <source>group %1</source>
            <translation>grupo %1</translation>
        </message>
        <message>
            <source>group %1 '%2'</source>
            <translation>grupo %1 '%2'</translation>
        </message>
        <message>
            <source>digit</source>
            <translation>dígito</translation>
        </message>
        <message>
            <source>not a digit</source>
            <translation>no dígito</translation>
        </message>
        <message>
            <source>whitespace</source>
            <translation>espacio en blanco</translation>
        </message>
        <message>
            <source>not whitespace</source>
            <translation>no espacio en blanco</translation>
        </message>
        <message>
            <source>word character</source>
            <translation>carácter de palabra</translation>
        </message>
        <message>
            <source>not a word character</source>
            <translation>no carácter de palabra</translation>
        </message>
        <message>
            <source>start of line</source>
            <translation>inicio de línea</translation>
        </message>
        <message>
            <source>start of text</source>
            <translation>inicio del texto</translation>
        </message>
        <message>
            <source>end of line</source>
            <translation>fin de línea</translation>
        </message>
        <message>
            <source>end of text</source>
            <translation>fin del texto</translation>
        </message>
        <message>
            <source>start of text (\A)</source>
            <translation>inicio del texto (\A)</translation>
        </message>
        <message>
            <source>end of text (\Z)</source>
            <translation>fin del texto (\Z)</translation>
        </message>
        <message>
            <source>word boundary</source>
            <translation>límite de palabra</translation>
        </message>
        <message>
            <source>not a word boundary</source>
            <translation>no límite de palabra</translation>
        </message>
        <message>
            <source>zero or more</source>
            <translation>cero o más</translation>
        </message>
        <message>
            <source>one or more</source>
            <translation>una o más</translation>
        </message>
        <message numerus="yes">
            <source>%n or more</source>
            <translation>
                <numerusform>%n o más</numerusform>
                <numerusform>%n o más</numerusform>
            </translation>
        </message>
        <message>
            <source>optional</source>
            <translation>opcional</translation>
        </message>
        <message numerus="yes">
            <source>exactly %n time(s)</source>
            <translation>
                <numerusform>exactamente %n vez</numerusform>
                <numerusform>exactamente %n veces</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 to %2 times</source>
            <translation>de %1 a %2 veces</translation>
        </message>
        <message>
            <source>%1, lazy</source>
            <translation>%1, perezosa</translation>
        </message>
        <message>
            <source>%1, possessive</source>
            <translation>%1, posesiva</translation>
        </message>
        <message>
            <source>not %1</source>
            <translation>no %1</translation>
        </message>
        <message>
            <source>any character</source>
            <translation>cualquier carácter</translation>
        </message>
        <message>
            <source>any character but newline</source>
            <translation>cualquier carácter salvo el salto de línea</translation>
        </message>
        <message>
            <source>flags %1</source>
            <translation>opciones %1</translation>
        </message>
        <message>
            <source>atomic group</source>
            <translation>grupo atómico</translation>
        </message>
        <message>
            <source>same text as group %1</source>
            <translation>el mismo texto que el grupo %1</translation>
        </message>
        <message>
            <source>same text as group %1 '%2'</source>
            <translation>el mismo texto que el grupo %1 '%2'</translation>
        </message>
        <message>
            <source>if %1 matched (else the lower path)</source>
            <translation>si %1 coincidió (si no, el camino de abajo)</translation>
        </message>
        <message>
            <source>not preceded by</source>
            <translation>no precedido de</translation>
        </message>
        <message>
            <source>preceded by</source>
            <translation>precedido de</translation>
        </message>
        <message>
            <source>not followed by</source>
            <translation>no seguido de</translation>
        </message>
        <message>
            <source>followed by</source>
            <translation>seguido de</translation>
        </message>
    </context>
    <context>
        <name>RegexRedos</name>
        <message>
            <source>safe: no repeat of this pattern makes backtracking blow up</source>
            <translation>seguro: ninguna repetición de este patrón hace explotar la vuelta atrás</translation>
        </message>
        <message>
            <source>exponential: each repetition of the pump multiplies the time to fail</source>
            <translation>exponencial: cada repetición del bombeo multiplica el tiempo en fallar</translation>
        </message>
        <message>
            <source>polynomial: the time to fail grows as n^%1 for n repetitions of the pump</source>
            <translation>polinómico: el tiempo en fallar crece como n^%1 para n repeticiones del bombeo</translation>
        </message>
        <message>
            <source>responsible part: %1 (characters %2 to %3)</source>
            <translation>parte responsable: %1 (caracteres %2 a %3)</translation>
        </message>
        <message>
            <source>attack: re.fullmatch(pattern, %1) (where the whole text must match)</source>
            <translation>ataque: re.fullmatch(patrón, %1) (donde el texto entero debe coincidir)</translation>
        </message>
        <message>
            <source>attack: re.match(pattern, %1) (re.search too)</source>
            <translation>ataque: re.match(patrón, %1) (también re.search)</translation>
        </message>
        <message>
            <source>steps measured: %1</source>
            <translation>pasos medidos: %1</translation>
        </message>
        <message>
            <source>unknown: no growth was confirmed, but the analysis is not complete</source>
            <translation>desconocido: no se confirmó ningún crecimiento, pero el análisis no está completo</translation>
        </message>
        <message>
            <source>the repeat %1 (characters %2 to %3) takes more than %4 steps already on %5: a large constant or a growth, not told apart</source>
            <translation>la repetición %1 (caracteres %2 a %3) pasa de %4 pasos ya con %5: una constante grande o un crecimiento, sin distinguirlos</translation>
        </message>
        <message>
            <source>the analysis ran out of time before it measured every candidate</source>
            <translation>al análisis se le acabó el tiempo antes de medir todos los candidatos</translation>
        </message>
        <message>
            <source>attack: re.match(pattern, %1); re.search, which tries every start, grows as n^%2 on it</source>
            <translation>ataque: re.match(patrón, %1); re.search, que prueba cada comienzo, crece como n^%2 con él</translation>
        </message>
        <message>
            <source>attack: re.search(pattern, %1) (findall, finditer, sub and split too), which tries every start; re.match showed no growth</source>
            <translation>ataque: re.search(patrón, %1) (también findall, finditer, sub y split), que prueba cada inicio; re.match no mostró crecimiento</translation>
        </message>
    </context>
    <context>
        <name>RulesEditor</name>
        <message>
            <source>&amp;Rules (the first whose pattern matches the whole line answers):</source>
            <translation>&amp;Reglas (responde la primera cuyo patrón encaja con la línea entera):</translation>
        </message>
        <message>
            <source>Pattern (Python re)</source>
            <translation>Patrón (re de Python)</translation>
        </message>
        <message>
            <source>Reply</source>
            <translation>Respuesta</translation>
        </message>
        <message>
            <source>A reply may use the pattern's groups: \1, \g&lt;name&gt;, \g&lt;0&gt; (the whole line)</source>
            <translation>Una respuesta puede usar los grupos del patrón: \1, \g&lt;name&gt;, \g&lt;0&gt; (la línea entera)</translation>
        </message>
        <message>
            <source>Add Rule</source>
            <translation>Añadir regla</translation>
        </message>
        <message>
            <source>Remove Rule</source>
            <translation>Quitar regla</translation>
        </message>
        <message>
            <source>&amp;Default reply:</source>
            <translation>Respuesta por &amp;defecto:</translation>
        </message>
        <message>
            <source>when no rule matches</source>
            <translation>cuando ninguna regla encaja</translation>
        </message>
        <message>
            <source>Default reply</source>
            <translation>Respuesta por defecto</translation>
        </message>
    </context>
    <context>
        <name>RunRequests</name>
        <message>
            <source>This program works on the real folder %1, not in the course's sandbox: what it creates, renames or deletes there is real. Run it?</source>
            <translation>Este programa trabaja en la carpeta real %1, no en el arenero del curso: lo que cree, renombre o borre ahí es de verdad. ¿Ejecutarlo?</translation>
        </message>
        <message>
            <source>A Python client for this window's server (port %1):</source>
            <translation>Un cliente Python para el servidor de esta ventana (puerto %1):</translation>
        </message>
        <message>
            <source>A Python echo server for this window's client (port %1): press Connect.</source>
            <translation>Un servidor de eco en Python para el cliente de esta ventana (puerto %1): pulsa Conectar.</translation>
        </message>
        <message>
            <source>This program runs in the course's sandbox but also names %1, outside it: what it creates, renames or deletes there is real. Run it?</source>
            <translation>Este programa se ejecuta en el arenero del curso, pero también nombra %1, fuera de él: lo que cree, renombre o borre ahí es de verdad. ¿Ejecutarlo?</translation>
        </message>
        <message>
            <source>✓ Python printed the same as StdLab (its times within %1 s of StdLab's: the clock moved on between the two looks)</source>
            <translation>✓ Python imprimió lo mismo que StdLab (sus horas a menos de %1 s de las de StdLab: el reloj avanzó entre una mirada y otra)</translation>
        </message>
        <message>
            <source>Not compared: Python ran in the real folder, where the Files tab had already done this. In the course's sandbox (Course, Try it) Python runs on a copy and both are compared.</source>
            <translation>Sin comparar: Python se ejecutó en la carpeta real, donde la pestaña Archivos ya lo había hecho. En el arenero del curso (Curso, Pruébalo) Python se ejecuta en una copia y se comparan las dos.</translation>
        </message>
        <message>
            <source>✓ Python and StdLab exchanged the same lines</source>
            <translation>✓ Python y StdLab intercambiaron las mismas líneas</translation>
        </message>
        <message>
            <source>Python and StdLab exchanged different lines, from line %1 on:</source>
            <translation>Python y StdLab intercambiaron líneas distintas, a partir de la línea %1:</translation>
        </message>
        <message>
            <source>Not compared: start the Chat tab's server (then a Python client talks to it), or make it a client that is not connected yet (then a Python server serves it), to compare what they exchange.</source>
            <translation>Sin comparar: inicia el servidor de la pestaña Chat (un cliente Python hablará con él), o hazla un cliente aún sin conectar (un servidor Python lo atenderá), para comparar lo que intercambian.</translation>
        </message>
        <message>
            <source>Not compared: the sandbox is too big to copy for a comparison (over 32 MiB or 5,000 entries). Python ran in it.</source>
            <translation>Sin comparar: el arenero es demasiado grande para copiarlo y comparar (más de 32 MiB o 5.000 entradas). Python se ejecutó en él.</translation>
        </message>
        <message>
            <source>Not compared: the sandbox could not be copied. Python ran in it.</source>
            <translation>Sin comparar: no se pudo copiar el arenero. Python se ejecutó en él.</translation>
        </message>
        <message>
            <source>Python runs on a copy of the sandbox as it was before the Files tab's last change, then the copy is compared with the sandbox:</source>
            <translation>Python se ejecuta en una copia del arenero tal como estaba antes del último cambio de la pestaña Archivos; después se compara la copia con el arenero:</translation>
        </message>
        <message>
            <source>Python runs on a copy of the sandbox; what it prints and the folders are compared with the Files tab:</source>
            <translation>Python se ejecuta en una copia del arenero; lo que imprime y las carpetas se comparan con la pestaña Archivos:</translation>
        </message>
        <message>
            <source>✓ Python printed the same as StdLab and left the same files and folders</source>
            <translation>✓ Python imprimió lo mismo que StdLab y dejó los mismos archivos y carpetas</translation>
        </message>
        <message>
            <source>✓ Python left the same files and folders as StdLab</source>
            <translation>✓ Python dejó los mismos archivos y carpetas que StdLab</translation>
        </message>
        <message>
            <source>Python and StdLab differ, from line %1 on:</source>
            <translation>Python y StdLab difieren a partir de la línea %1:</translation>
        </message>
        <message>
            <source>Files and folders:</source>
            <translation>Archivos y carpetas:</translation>
        </message>
        <message>
            <source>Python → StdLab: %1</source>
            <translation>Python → StdLab: %1</translation>
        </message>
        <message>
            <source>StdLab → Python: %1</source>
            <translation>StdLab → Python: %1</translation>
        </message>
        <message>
            <source>A Python client for this window's server (port %1). A chat server passes each line on to the other clients, not back to the one that sent it: this client waits for a reply until the time limit (3 s).</source>
            <translation>Un cliente Python para el servidor de esta ventana (puerto %1). Un servidor de chat pasa cada línea a los demás clientes, no de vuelta al que la envió: este cliente espera una respuesta hasta el límite de tiempo (3 s).</translation>
        </message>
        <message>
            <source>Stopped after %1 s, the time limit: the client was still waiting for a reply, and a chat server sends each line to the other clients, not back. That is expected here.</source>
            <translation>Detenido a los %1 s, el tiempo límite: el cliente seguía esperando una respuesta, y un servidor de chat envía cada línea a los demás clientes, no de vuelta. Aquí es lo esperado.</translation>
        </message>
    </context>
    <context>
        <name>SequenceDiagram</name>
        <message>
            <source>Deduced from what arrived: the other end's call is not seen from here.</source>
            <translation>Deducida de lo que llegó: la llamada del otro extremo no se ve desde aquí.</translation>
        </message>
        <message numerus="yes">
            <source>%n byte(s)</source>
            <translation>
                <numerusform>%n byte</numerusform>
                <numerusform>%n bytes</numerusform>
            </translation>
        </message>
        <message>
            <source>Client</source>
            <translation>Cliente</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Servidor</translation>
        </message>
        <message>
            <source>with %1</source>
            <translation>con %1</translation>
        </message>
        <message>
            <source>Start a server or connect: each connection's socket calls appear here in order.</source>
            <translation>Inicia un servidor o conéctate: las llamadas de socket de cada conexión aparecen aquí en orden.</translation>
        </message>
        <message>
            <source>Sequence diagram</source>
            <translation>Diagrama de secuencia</translation>
        </message>
        <message>
            <source>Could not write %1</source>
            <translation>No se pudo escribir %1</translation>
        </message>
        <message>
            <source>The other end's send #%1, from its send log (it is StdLab): TCP itself does not carry where one send ends.</source>
            <translation>El envío n.º %1 del otro extremo, según su registro de envíos (es StdLab): TCP no transmite dónde termina cada envío.</translation>
        </message>
    </context>
    <context>
        <name>SequenceView</name>
        <message>
            <source>#%1 %2 %3</source>
            <translation>n.º %1 %2 %3</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>Guardado %1</translation>
        </message>
        <message>
            <source>Export PNG…</source>
            <translation>Exportar PNG…</translation>
        </message>
        <message>
            <source>Export SVG…</source>
            <translation>Exportar SVG…</translation>
        </message>
        <message>
            <source>The connection whose calls are drawn</source>
            <translation>La conexión cuyas llamadas se dibujan</translation>
        </message>
        <message>
            <source>Connection</source>
            <translation>Conexión</translation>
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
        <name>TlsClient</name>
        <message>
            <source>no name</source>
            <translation>ningún nombre</translation>
        </message>
        <message>
            <source>the CA file %1 is not a regular file</source>
            <translation>el fichero de CA %1 no es un fichero normal</translation>
        </message>
        <message>
            <source>cannot read the CA file %1: %2</source>
            <translation>no se puede leer el fichero de CA %1: %2</translation>
        </message>
        <message>
            <source>the CA file %1 holds no certificate (PEM or DER)</source>
            <translation>el fichero de CA %1 no contiene ningún certificado (PEM o DER)</translation>
        </message>
        <message>
            <source>refused: the server's certificate has the fingerprint %1, not the pinned %2</source>
            <translation>rechazado: el certificado del servidor tiene la huella %1, no la fijada %2</translation>
        </message>
        <message>
            <source>to trust it, give its certificate as the CA file (stdlab send --tls-ca FILE; stdlab serve --tls-cert-out FILE writes it) or pin its fingerprint (--tls-fingerprint %1)</source>
            <translation>para confiar en él, indica su certificado como fichero de CA (stdlab send --tls-ca FICHERO; stdlab serve --tls-cert-out FICHERO lo escribe) o fija su huella (--tls-fingerprint %1)</translation>
        </message>
        <message>
            <source>the server's certificate expired on %1 (sha256 %2)</source>
            <translation>el certificado del servidor caducó el %1 (sha256 %2)</translation>
        </message>
        <message>
            <source>the server's certificate is not valid before %1 (sha256 %2): check this computer's clock</source>
            <translation>el certificado del servidor no es válido antes del %1 (sha256 %2): revisa el reloj de este ordenador</translation>
        </message>
        <message>
            <source>the CA file %1</source>
            <translation>el fichero de CA %1</translation>
        </message>
        <message>
            <source>the system's CAs</source>
            <translation>las CA del sistema</translation>
        </message>
        <message>
            <source>the server's certificate is self-signed and not trusted by %1 (sha256 %2): %3</source>
            <translation>el certificado del servidor es autofirmado y %1 no lo reconoce (sha256 %2): %3</translation>
        </message>
        <message>
            <source>the server's certificate is not signed by a CA among %1 (sha256 %2): %3</source>
            <translation>el certificado del servidor no está firmado por ninguna CA de %1 (sha256 %2): %3</translation>
        </message>
        <message>
            <source>the server's certificate is for %1, not for %2 (sha256 %3)</source>
            <translation>el certificado del servidor es para %1, no para %2 (sha256 %3)</translation>
        </message>
        <message>
            <source>the server's certificate was refused: %1</source>
            <translation>se rechazó el certificado del servidor: %1</translation>
        </message>
        <message>
            <source>to trust it, choose "Trust a CA file" with the server's certificate, or "Pinned fingerprint" with %1 (a StdLab server window shows it under SHA-256, with Copy)</source>
            <translation>para confiar en él, elige «Confiar en un fichero de CA» con el certificado del servidor, o «Huella fijada» con %1 (una ventana de StdLab que sirve la muestra en SHA-256, con Copiar)</translation>
        </message>
    </context>
    <context>
        <name>TlsClientBox</name>
        <message>
            <source>Certificate to trust (PEM)</source>
            <translation>Certificado en el que confiar (PEM)</translation>
        </message>
        <message>
            <source>The pinned fingerprint must be a SHA-256 one: 64 hexadecimal digits, colons optional (the server shows it).</source>
            <translation>La huella fijada debe ser SHA-256: 64 dígitos hexadecimales, los dos puntos son opcionales (el servidor la muestra).</translation>
        </message>
        <message>
            <source>TLS</source>
            <translation>TLS</translation>
        </message>
        <message>
            <source>Connect over TLS (encrypted), as ssl.wrap_socket does</source>
            <translation>Conectar sobre TLS (cifrado), como hace ssl.wrap_socket</translation>
        </message>
        <message>
            <source>Trust the system's CAs</source>
            <translation>Confiar en las CA del sistema</translation>
        </message>
        <message>
            <source>Trust a CA file</source>
            <translation>Confiar en un fichero de CA</translation>
        </message>
        <message>
            <source>Pinned fingerprint</source>
            <translation>Huella fijada</translation>
        </message>
        <message>
            <source>Don't verify (insecure)</source>
            <translation>No verificar (inseguro)</translation>
        </message>
        <message>
            <source>How to trust the server</source>
            <translation>Cómo confiar en el servidor</translation>
        </message>
        <message>
            <source>CA file</source>
            <translation>Fichero de CA</translation>
        </message>
        <message>
            <source>CA file (PEM), e.g. the server's certificate</source>
            <translation>Fichero de CA (PEM), p. ej. el certificado del servidor</translation>
        </message>
        <message>
            <source>Choose the CA file</source>
            <translation>Elegir el fichero de CA</translation>
        </message>
        <message>
            <source>SHA-256 fingerprint, e.g. AB:CD:…</source>
            <translation>Huella SHA-256, p. ej. AB:CD:…</translation>
        </message>
        <message>
            <source>Encrypted, but anyone may be at the other end.</source>
            <translation>Cifrado, pero al otro lado puede haber cualquiera.</translation>
        </message>
        <message>
            <source>Choose the CA file: the server's certificate (a StdLab window's own for localhost is %1).</source>
            <translation>Elige el fichero de CA: el certificado del servidor (el propio de una ventana de StdLab para localhost es %1).</translation>
        </message>
    </context>
    <context>
        <name>TlsIdentity</name>
        <message>
            <source>cannot read %1: %2</source>
            <translation>no se puede leer %1: %2</translation>
        </message>
        <message>
            <source>%1 is empty</source>
            <translation>%1 está vacío</translation>
        </message>
        <message>
            <source>cannot write %1: %2</source>
            <translation>no se puede escribir %1: %2</translation>
        </message>
        <message>
            <source>a certificate needs a host name and at least one day of validity</source>
            <translation>un certificado necesita un nombre de host y al menos un día de validez</translation>
        </message>
        <message>
            <source>OpenSSL could not make a key</source>
            <translation>OpenSSL no pudo crear una clave</translation>
        </message>
        <message>
            <source>OpenSSL could not make a serial number</source>
            <translation>OpenSSL no pudo crear un número de serie</translation>
        </message>
        <message>
            <source>OpenSSL refused the certificate's names: %1</source>
            <translation>OpenSSL rechazó los nombres del certificado: %1</translation>
        </message>
        <message>
            <source>OpenSSL could not sign the certificate</source>
            <translation>OpenSSL no pudo firmar el certificado</translation>
        </message>
        <message>
            <source>OpenSSL could not write the certificate</source>
            <translation>OpenSSL no pudo escribir el certificado</translation>
        </message>
        <message>
            <source>Qt's TLS backend cannot read the certificate it was given</source>
            <translation>el motor TLS de Qt no puede leer el certificado que recibió</translation>
        </message>
        <message>
            <source>%1 holds no PEM certificate</source>
            <translation>%1 no contiene ningún certificado PEM</translation>
        </message>
        <message>
            <source>%1 is an encrypted key: give one without a passphrase</source>
            <translation>%1 es una clave cifrada: indica una sin frase de contraseña</translation>
        </message>
        <message>
            <source>%1 holds no PEM private key</source>
            <translation>%1 no contiene ninguna clave privada PEM</translation>
        </message>
        <message>
            <source>%1 holds a public key, not the private key</source>
            <translation>%1 contiene una clave pública, no la clave privada</translation>
        </message>
        <message>
            <source>%1 is not the key of the certificate in %2 (key values mismatch)</source>
            <translation>%1 no es la clave del certificado de %2 (los valores de la clave no coinciden)</translation>
        </message>
        <message>
            <source>the certificate in %1 expired on %2</source>
            <translation>el certificado de %1 caducó el %2</translation>
        </message>
        <message>
            <source>the certificate in %1 is not valid before %2</source>
            <translation>el certificado de %1 no es válido antes del %2</translation>
        </message>
        <message>
            <source>%1 is not a regular file</source>
            <translation>%1 no es un fichero normal</translation>
        </message>
    </context>
    <context>
        <name>TlsServerBox</name>
        <message>
            <source>Server certificate (PEM)</source>
            <translation>Certificado del servidor (PEM)</translation>
        </message>
        <message>
            <source>The certificate's private key (PEM)</source>
            <translation>La clave privada del certificado (PEM)</translation>
        </message>
        <message>
            <source>TLS</source>
            <translation>TLS</translation>
        </message>
        <message>
            <source>Serve over TLS (encrypted): clients connect with ssl, ncat --ssl or openssl s_client</source>
            <translation>Servir sobre TLS (cifrado): los clientes se conectan con ssl, ncat --ssl u openssl s_client</translation>
        </message>
        <message>
            <source>StdLab's certificate for localhost</source>
            <translation>Certificado de StdLab para localhost</translation>
        </message>
        <message>
            <source>My certificate and key</source>
            <translation>Mi certificado y mi clave</translation>
        </message>
        <message>
            <source>TLS certificate</source>
            <translation>Certificado TLS</translation>
        </message>
        <message>
            <source>Certificate:</source>
            <translation>Certificado:</translation>
        </message>
        <message>
            <source>Key:</source>
            <translation>Clave:</translation>
        </message>
        <message>
            <source>Choose the certificate file</source>
            <translation>Elegir el fichero del certificado</translation>
        </message>
        <message>
            <source>Choose the private key file</source>
            <translation>Elegir el fichero de la clave privada</translation>
        </message>
        <message>
            <source>SHA-256:</source>
            <translation>SHA-256:</translation>
        </message>
        <message>
            <source>The certificate's fingerprint: a client can pin it</source>
            <translation>La huella del certificado: un cliente puede fijarla</translation>
        </message>
        <message>
            <source>SHA-256 fingerprint</source>
            <translation>Huella SHA-256</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Copiar</translation>
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
        <name>UndoJournal</name>
        <message>
            <source>%1 is no longer there: nothing was undone.</source>
            <translation>%1 ya no está: no se deshizo nada.</translation>
        </message>
        <message>
            <source>%1 is not the item that was made (it was replaced since): nothing was undone.</source>
            <translation>%1 no es el elemento que se creó (fue reemplazado después): no se deshizo nada.</translation>
        </message>
        <message>
            <source>%1 was written to since it was made: nothing was undone.</source>
            <translation>en %1 se escribió después de crearlo: no se deshizo nada.</translation>
        </message>
        <message>
            <source>: it holds what was added since; it was left</source>
            <translation>: contiene lo que se añadió después; se dejó</translation>
        </message>
        <message>
            <source>%1 is not the item that was renamed (it was replaced since)</source>
            <translation>%1 no es el elemento que se renombró (fue reemplazado después)</translation>
        </message>
        <message>
            <source>%1 is no longer there</source>
            <translation>%1 ya no está</translation>
        </message>
        <message>
            <source>: nothing was done.</source>
            <translation>: no se hizo nada.</translation>
        </message>
        <message>
            <source>%1 exists now (it appeared since): nothing was replaced, nothing was done.</source>
            <translation>%1 existe ahora (apareció después): no se reemplazó nada, no se hizo nada.</translation>
        </message>
        <message>
            <source>; nothing was done.</source>
            <translation>; no se hizo nada.</translation>
        </message>
        <message>
            <source>; could not put back: </source>
            <translation>; no se pudo devolver: </translation>
        </message>
        <message>
            <source>%1 is not the copy that was made (it was replaced since): it was kept.</source>
            <translation>%1 no es la copia que se hizo (fue reemplazada después): se conservó.</translation>
        </message>
        <message>
            <source>something under it changed (added, removed or written)</source>
            <translation>algo dentro cambió (se añadió, se quitó o se escribió)</translation>
        </message>
        <message>
            <source>its size changed (%1 -&gt; %2 bytes)</source>
            <translation>cambió su tamaño (%1 -&gt; %2 bytes)</translation>
        </message>
        <message>
            <source>its contents changed (BLAKE2b differs)</source>
            <translation>cambió su contenido (BLAKE2b distinto)</translation>
        </message>
        <message>
            <source>its modification time changed</source>
            <translation>cambió su fecha de modificación</translation>
        </message>
        <message>
            <source>%1 changed since it was copied: %2. It was kept; nothing was undone.</source>
            <translation>%1 cambió desde que se copió: %2. Se conservó; no se deshizo nada.</translation>
        </message>
        <message>
            <source>%1 is no longer in the trash: nothing was undone.</source>
            <translation>%1 ya no está en la papelera: no se deshizo nada.</translation>
        </message>
        <message>
            <source>%1 exists now (it appeared since): nothing was replaced, nothing was undone.</source>
            <translation>%1 existe ahora (apareció después): no se reemplazó nada, no se deshizo nada.</translation>
        </message>
        <message>
            <source>; nothing was undone.</source>
            <translation>; no se deshizo nada.</translation>
        </message>
        <message>
            <source>%1 is not the item that was trashed: nothing was done.</source>
            <translation>%1 no es el elemento que se movió a la papelera: no se hizo nada.</translation>
        </message>
        <message>
            <source>Nothing to undo.</source>
            <translation>No hay nada que deshacer.</translation>
        </message>
        <message>
            <source>Undone, but the journal could not be saved: </source>
            <translation>Deshecho, pero no se pudo guardar el registro: </translation>
        </message>
        <message>
            <source>Nothing to redo.</source>
            <translation>No hay nada que rehacer.</translation>
        </message>
        <message>
            <source>A copy is not redone: copy again.</source>
            <translation>Una copia no se rehace: vuelve a copiar.</translation>
        </message>
        <message>
            <source>Done, but the old copy stays: </source>
            <translation>Hecho, pero la copia anterior sigue ahí: </translation>
        </message>
        <message>
            <source>It is undone already.</source>
            <translation>Ya está deshecha.</translation>
        </message>
        <message>
            <source>It is not undone.</source>
            <translation>No está deshecha.</translation>
        </message>
        <message>
            <source>Cancelled while copying back: the copies made were removed; nothing was done.</source>
            <translation>Cancelado mientras se copiaba de vuelta: se eliminaron las copias hechas; no se hizo nada.</translation>
        </message>
    </context>
    <context>
        <name>stdlab::chat::ChatSession</name>
        <message numerus="yes">
            <source>all (%n client(s))</source>
            <translation>
                <numerusform>todos (%n cliente)</numerusform>
                <numerusform>todos (%n clientes)</numerusform>
            </translation>
        </message>
        <message>
            <source>said bye</source>
            <translation>dijo bye</translation>
        </message>
        <message>
            <source>closed by the other end</source>
            <translation>cerrada por el otro extremo</translation>
        </message>
        <message>
            <source>kicked</source>
            <translation>expulsado</translation>
        </message>
        <message>
            <source>server stopped</source>
            <translation>servidor detenido</translation>
        </message>
        <message>
            <source>greeted (a greet server closes after its reply)</source>
            <translation>saludado (un servidor de saludo cierra tras responder)</translation>
        </message>
        <message>
            <source>you disconnected</source>
            <translation>te desconectaste</translation>
        </message>
        <message>
            <source>connecting elsewhere</source>
            <translation>conectando con otro servidor</translation>
        </message>
        <message>
            <source>idle for too long</source>
            <translation>inactivo demasiado tiempo</translation>
        </message>
        <message>
            <source>line too long (over 64 KiB)</source>
            <translation>línea demasiado larga (más de 64 KiB)</translation>
        </message>
        <message>
            <source>frame too long (its length prefix is over the limit)</source>
            <translation>trama demasiado larga (su prefijo de longitud supera el límite)</translation>
        </message>
        <message>
            <source>not reading what the server sends (buffer full)</source>
            <translation>no lee lo que envía el servidor (búfer lleno)</translation>
        </message>
        <message>
            <source>error: %1</source>
            <translation>error: %1</translation>
        </message>
        <message>
            <source>TLS: %1</source>
            <translation>TLS: %1</translation>
        </message>
        <message>
            <source>Listening on %1</source>
            <translation>Escuchando en %1</translation>
        </message>
        <message>
            <source>Client connected</source>
            <translation>Cliente conectado</translation>
        </message>
        <message>
            <source>Connected to the server</source>
            <translation>Conectado al servidor</translation>
        </message>
        <message>
            <source>Connected to the server (%1)</source>
            <translation>Conectado al servidor (%1)</translation>
        </message>
        <message>
            <source>Client disconnected: %1</source>
            <translation>Cliente desconectado: %1</translation>
        </message>
        <message>
            <source>Disconnected from the server: %1</source>
            <translation>Desconectado del servidor: %1</translation>
        </message>
        <message>
            <source>Server stopped: %1</source>
            <translation>Servidor detenido: %1</translation>
        </message>
        <message>
            <source>over the server's memory budget (it held too much of this client's unfinished message or unread output)</source>
            <translation>por encima del presupuesto de memoria del servidor (guardaba demasiado del mensaje sin terminar o de la salida sin leer de este cliente)</translation>
        </message>
        <message>
            <source>Sending %1: %2 bytes (%3 framing)</source>
            <translation>Enviando %1: %2 bytes (tramas %3)</translation>
        </message>
        <message>
            <source>a file is sent by a TCP client, or by a chat server to one client</source>
            <translation>un fichero lo envía un cliente TCP, o un servidor de chat a un cliente</translation>
        </message>
        <message>
            <source>choose the client to send it to (one, not all)</source>
            <translation>elige el cliente al que enviarlo (uno, no todos)</translation>
        </message>
        <message>
            <source>that client has left</source>
            <translation>ese cliente se ha ido</translation>
        </message>
    </context>
    <context>
        <name>stdlab::chat::ChunkModel</name>
        <message>
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Hora</translation>
        </message>
        <message>
            <source>After</source>
            <translation>Tras</translation>
        </message>
        <message>
            <source>From</source>
            <translation>De</translation>
        </message>
        <message>
            <source>Bytes</source>
            <translation>Bytes</translation>
        </message>
        <message>
            <source>Sender's send() calls</source>
            <translation>Llamadas send() del emisor</translation>
        </message>
        <message>
            <source>Data</source>
            <translation>Datos</translation>
        </message>
        <message>
            <source>Time since the previous read of this connection (or since it connected)</source>
            <translation>Tiempo desde la lectura anterior de esta conexión (o desde que se conectó)</translation>
        </message>
        <message>
            <source>What this recv() returned</source>
            <translation>Lo que devolvió este recv()</translation>
        </message>
        <message>
            <source>Which send() calls of the sender these bytes came from: known when the sender is StdLab (a window or stdlab send on this machine)</source>
            <translation>De qué llamadas send() del emisor vienen estos bytes: se conocen cuando el emisor es StdLab (una ventana o stdlab send en este equipo)</translation>
        </message>
        <message>
            <source>FIN: recv() returned b''</source>
            <translation>FIN: recv() devolvió b''</translation>
        </message>
        <message>
            <source>RST: ConnectionResetError</source>
            <translation>RST: ConnectionResetError</translation>
        </message>
        <message>
            <source>one sendto(), one datagram</source>
            <translation>un sendto(), un datagrama</translation>
        </message>
        <message>
            <source>send #%1, whole</source>
            <translation>send n.º %1, entero</translation>
        </message>
        <message>
            <source>part of send #%1: [%2:%3] of %4 B</source>
            <translation>parte del send n.º %1: [%2:%3] de %4 B</translation>
        </message>
        <message numerus="yes">
            <source>%n sends glued: %1</source>
            <translation>
                <numerusform>%n send: %1</numerusform>
                <numerusform>%n sends pegados: %1</numerusform>
            </translation>
        </message>
        <message>
            <source>+%1 µs</source>
            <translation>+%1 µs</translation>
        </message>
        <message>
            <source>+%1 ms</source>
            <translation>+%1 ms</translation>
        </message>
        <message>
            <source>The sender's send() calls are not known: TCP does not carry them. StdLab shows them when the sender is StdLab too (another window, or stdlab send) on this machine.</source>
            <translation>No se conocen las llamadas send() del emisor: TCP no las transmite. StdLab las muestra cuando el emisor también es StdLab (otra ventana, o stdlab send) en este equipo.</translation>
        </message>
        <message>
            <source>backlog drained: all the server queued for this client is in its socket</source>
            <translation>cola vaciada: todo lo que el servidor guardaba para este cliente está en su socket</translation>
        </message>
        <message>
            <source>backlog: %1 B queued for this client, not yet written to its socket (%2)</source>
            <translation>cola: %1 B guardados para este cliente, aún sin escribir en su socket (%2)</translation>
        </message>
        <message>
            <source>The server's output for this client that its socket has not taken yet: the client reads slower than the server writes, the kernel's buffers are full, and the rest waits in the server (at most 4 MiB per client before it stops reading from it).</source>
            <translation>La salida del servidor para este cliente que su socket aún no ha aceptado: el cliente lee más despacio de lo que escribe el servidor, los búferes del núcleo están llenos y el resto espera en el servidor (como mucho 4 MiB por cliente antes de dejar de leerle).</translation>
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
        <message>
            <source>worker %1 of %2</source>
            <translation>hilo %1 de %2</translation>
        </message>
        <message>
            <source>own thread</source>
            <translation>hilo propio</translation>
        </message>
        <message>
            <source>%1 B</source>
            <translation>%1 B</translation>
        </message>
        <message>
            <source>%1 KB</source>
            <translation>%1 KB</translation>
        </message>
        <message>
            <source>%1 MB</source>
            <translation>%1 MB</translation>
        </message>
        <message>
            <source>%1 GB</source>
            <translation>%1 GB</translation>
        </message>
        <message>
            <source>%1 TB</source>
            <translation>%1 TB</translation>
        </message>
        <message>
            <source>%1 PB</source>
            <translation>%1 PB</translation>
        </message>
        <message>
            <source>%1 EB</source>
            <translation>%1 EB</translation>
        </message>
    </context>
    <context>
        <name>stdlab::chat::ConversationModel</name>
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
        <name>stdlab::chat::FileSender</name>
        <message>
            <source>a file is being sent already</source>
            <translation>ya se está enviando un fichero</translation>
        </message>
        <message>
            <source>cannot open %1: %2</source>
            <translation>no se puede abrir %1: %2</translation>
        </message>
        <message>
            <source>%1 is not a regular file (a folder, a pipe or a device cannot be sent)</source>
            <translation>%1 no es un fichero normal (no se puede enviar una carpeta, una tubería ni un dispositivo)</translation>
        </message>
        <message>
            <source>%1 has %2 bytes: a length-prefixed frame holds at most %3 (the receiver's limit). Choose raw or newline framing to stream it.</source>
            <translation>%1 tiene %2 bytes: una trama con prefijo de longitud admite como mucho %3 (el límite del receptor). Elige tramas sin delimitar o de salto de línea para enviarlo como flujo.</translation>
        </message>
        <message>
            <source>%1 was not sent: the connection is closed</source>
            <translation>%1 no se envió: la conexión está cerrada</translation>
        </message>
        <message>
            <source>Sending %1 cancelled: %2 of %3 bytes went</source>
            <translation>Envío de %1 cancelado: salieron %2 de %3 bytes</translation>
        </message>
        <message>
            <source>Sending %1 stopped: the connection closed after %2 of %3 bytes</source>
            <translation>El envío de %1 se detuvo: la conexión se cerró tras %2 de %3 bytes</translation>
        </message>
        <message>
            <source>Sent %1: %2 bytes</source>
            <translation>Enviado %1: %2 bytes</translation>
        </message>
        <message>
            <source>Reading %1 failed (%2): %3 of %4 bytes went</source>
            <translation>Falló la lectura de %1 (%2): salieron %3 de %4 bytes</translation>
        </message>
        <message>
            <source>%1 shrank while it was sent (it had %2 bytes): %3 of %4 bytes went, the last message is incomplete</source>
            <translation>%1 encogió mientras se enviaba (tenía %2 bytes): salieron %3 de %4 bytes y el último mensaje está incompleto</translation>
        </message>
    </context>
    <context>
        <name>stdlab::date::DateModel</name>
        <message>
            <source>%1 of real time: the UTC offset changes from %2 to %3</source>
            <translation>%1 de tiempo real: el desfase UTC cambia de %2 a %3</translation>
        </message>
        <message>
            <source>daylight saving time</source>
            <translation>horario de verano</translation>
        </message>
        <message>
            <source>standard time</source>
            <translation>horario estándar</translation>
        </message>
        <message>
            <source>This wall time does not exist in %1 (skipped by a DST change); Python reads it with fold=%2.</source>
            <translation>Esta hora de reloj no existe en %1 (la salta un cambio de horario); Python la lee con fold=%2.</translation>
        </message>
        <message>
            <source>This wall time happens twice in %1; fold=%2 picks the %3 one.</source>
            <translation>Esta hora de reloj ocurre dos veces en %1; fold=%2 elige la %3.</translation>
        </message>
        <message>
            <source>first</source>
            <translation>primera</translation>
        </message>
        <message>
            <source>second</source>
            <translation>segunda</translation>
        </message>
        <message>
            <source>%1 year</source>
            <translation>%1 año</translation>
        </message>
        <message>
            <source>%1 years</source>
            <translation>%1 años</translation>
        </message>
        <message>
            <source>%1 month</source>
            <translation>%1 mes</translation>
        </message>
        <message>
            <source>%1 months</source>
            <translation>%1 meses</translation>
        </message>
        <message>
            <source>%1 day</source>
            <translation>%1 día</translation>
        </message>
        <message>
            <source>%1 days</source>
            <translation>%1 días</translation>
        </message>
        <message>
            <source>%1 week</source>
            <translation>%1 semana</translation>
        </message>
        <message>
            <source>%1 weeks</source>
            <translation>%1 semanas</translation>
        </message>
        <message>
            <source>(did you mean %1?)</source>
            <translation>(¿quería decir %1?)</translation>
        </message>
        <message>
            <source>Counts in words, as the panel writes them</source>
            <translation>Cantidades en palabras, como las escribe el panel</translation>
        </message>
        <message>
            <source>Years, months and days, as dateutil's relativedelta(b, a) counts them</source>
            <translation>Años, meses y días, como los cuenta relativedelta(b, a) de dateutil</translation>
        </message>
        <message>
            <source>Whole weeks and days (toward zero)</source>
            <translation>Semanas y días completos (hacia cero)</translation>
        </message>
        <message>
            <source>Business days (Mon-Fri) from a's date, included, to b's, excluded</source>
            <translation>Días laborables (lun-vie) desde la fecha de a, incluida, hasta la de b, excluida</translation>
        </message>
    </context>
    <context>
        <name>stdlab::files::FileListModel</name>
        <message>
            <source>Broken link</source>
            <translation>Enlace roto</translation>
        </message>
        <message>
            <source>Link to folder</source>
            <translation>Enlace a carpeta</translation>
        </message>
        <message>
            <source>Link to file</source>
            <translation>Enlace a archivo</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>Carpeta</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Archivo</translation>
        </message>
        <message>
            <source>%1 file</source>
            <translation>Archivo %1</translation>
        </message>
        <message>
            <source>%1 bytes</source>
            <translation>%1 bytes</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Tamaño</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <source>Modified</source>
            <translation>Modificado</translation>
        </message>
        <message>
            <source>Permissions</source>
            <translation>Permisos</translation>
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
    <context>
        <name>stdlab::net::TcpClient</name>
        <message>
            <source>connection refused: nothing is listening on %1</source>
            <translation>conexión rechazada: nada escucha en %1</translation>
        </message>
        <message>
            <source>host not found: %1</source>
            <translation>host no encontrado: %1</translation>
        </message>
        <message>
            <source>cannot connect to %1: %2</source>
            <translation>no se puede conectar a %1: %2</translation>
        </message>
        <message>
            <source>%1: %2 refused, %3 answered</source>
            <translation>%1: %2 rechazó, %3 respondió</translation>
        </message>
        <message>
            <source>connection refused: nothing is listening on %1 (tried %2)</source>
            <translation>conexión rechazada: nada escucha en %1 (probado %2)</translation>
        </message>
        <message>
            <source>the connection ended inside a frame: %1</source>
            <translation>la conexión terminó dentro de una trama: %1</translation>
        </message>
        <message>
            <source>frame too long: the length prefix says %1 bytes, over the limit of %2; disconnecting</source>
            <translation>trama demasiado larga: el prefijo de longitud dice %1 bytes, más que el límite de %2; desconectando</translation>
        </message>
        <message>
            <source>timed out after %1 connecting to %2</source>
            <translation>tiempo agotado tras %1 conectando a %2</translation>
        </message>
        <message>
            <source>not connected: nothing was sent</source>
            <translation>no conectado: no se ha enviado nada</translation>
        </message>
        <message>
            <source>verified with the system's CAs</source>
            <translation>verificado con las CA del sistema</translation>
        </message>
        <message>
            <source>verified with the CA file %1</source>
            <translation>verificado con el fichero de CA %1</translation>
        </message>
        <message>
            <source>matches the pinned fingerprint</source>
            <translation>coincide con la huella fijada</translation>
        </message>
        <message>
            <source>NOT verified (insecure)</source>
            <translation>SIN verificar (inseguro)</translation>
        </message>
        <message>
            <source>%1, %2, certificate sha256 %3, %4</source>
            <translation>%1, %2, certificado sha256 %3, %4</translation>
        </message>
        <message>
            <source>the server at %1 does not speak TLS (it answered in plain text); connect without TLS</source>
            <translation>el servidor de %1 no habla TLS (respondió en texto plano); conéctate sin TLS</translation>
        </message>
        <message>
            <source>the server at %1 closed the connection during the TLS handshake (it may not speak TLS, or it refused this client)</source>
            <translation>el servidor de %1 cerró la conexión durante el saludo TLS (quizá no hable TLS, o rechazó a este cliente)</translation>
        </message>
        <message>
            <source>TLS handshake with %1 failed: %2</source>
            <translation>falló el saludo TLS con %1: %2</translation>
        </message>
        <message>
            <source>timed out after %1: %2 accepted the connection but finished no TLS handshake (it may not speak TLS)</source>
            <translation>tiempo agotado tras %1: %2 aceptó la conexión pero no completó ningún saludo TLS (quizá no hable TLS)</translation>
        </message>
    </context>
    <context>
        <name>stdlab::net::TcpServer</name>
        <message>
            <source>already listening on port %1</source>
            <translation>ya está escuchando en el puerto %1</translation>
        </message>
    </context>
    <context>
        <name>stdlab::net::UdpClient</name>
        <message>
            <source>cannot send to %1: %2</source>
            <translation>no se puede enviar a %1: %2</translation>
        </message>
        <message>
            <source>datagram too large: %1 bytes (the maximum is %2)</source>
            <translation>datagrama demasiado grande: %1 bytes (el máximo es %2)</translation>
        </message>
        <message>
            <source>no destination: a host and a port (1-65535) are needed</source>
            <translation>sin destino: hacen falta un host y un puerto (1-65535)</translation>
        </message>
        <message>
            <source>host not found: %1</source>
            <translation>host no encontrado: %1</translation>
        </message>
    </context>
    <context>
        <name>stdlab::net::UdpServer</name>
        <message>
            <source>already listening on port %1</source>
            <translation>ya está escuchando en el puerto %1</translation>
        </message>
    </context>
    <context>
        <name>stdlab::re::RegexModel</name>
        <message>
            <source>The text (%1 characters) is too long to write here: save it as texto.txt.</source>
            <translation>El texto (%1 caracteres) es demasiado largo para escribirlo aquí: guárdalo como texto.txt.</translation>
        </message>
    </context>
</TS>
