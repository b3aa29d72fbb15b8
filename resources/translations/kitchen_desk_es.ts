<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_AR">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../src/kitchen_app/ui/action_dialog.py" line="78"/>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/action_dialog.py" line="125"/>
        <source>Loading the marketplace&apos;s choices…</source>
        <translation>Cargando las opciones del marketplace…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/action_dialog.py" line="152"/>
        <source>Could not get the choices from the marketplace (%1).</source>
        <translation>No se pudieron obtener las opciones del marketplace (%1).</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/action_dialog.py" line="158"/>
        <source>Choose one.</source>
        <translation>Elegí una.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/action_dialog.py" line="158"/>
        <source>No choices offered.</source>
        <translation>El marketplace no ofrece opciones.</translation>
    </message>
</context>
<context>
    <name>ActionsBar</name>
    <message>
        <location filename="../../src/kitchen_app/ui/actions_bar.py" line="152"/>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/actions_bar.py" line="153"/>
        <source>Cancel order</source>
        <translation>Cancelar pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/actions_bar.py" line="154"/>
        <source>Print kitchen ticket</source>
        <translation>Imprimir comanda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/actions_bar.py" line="155"/>
        <source>Print receipt</source>
        <translation>Imprimir recibo</translation>
    </message>
    <message>
        <source>MP receipt (PDF)</source>
        <translation type="vanished">Comprobante MP (PDF)</translation>
    </message>
    <message>
        <source>Reprint MP receipt</source>
        <translation type="vanished">Reimprimir comprobante MP</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/actions_bar.py" line="157"/>
        <source>Mark ready</source>
        <translation>Marcar listo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/actions_bar.py" line="162"/>
        <source>Reprint kitchen ticket</source>
        <translation>Reimprimir comanda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/actions_bar.py" line="163"/>
        <source>Reprint receipt</source>
        <translation>Reimprimir recibo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/actions_bar.py" line="156"/>
        <source>%1 (PDF)</source>
        <translation>%1 (PDF)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/actions_bar.py" line="164"/>
        <source>Reprint %1</source>
        <translation>Reimprimir %1</translation>
    </message>
</context>
<context>
    <name>AlertBanner</name>
    <message>
        <location filename="../../src/kitchen_app/ui/banners.py" line="58"/>
        <source>Mute 5 min</source>
        <translation>Silenciar 5 min</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/banners.py" line="60"/>
        <source>Mute 15 min</source>
        <translation>Silenciar 15 min</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/banners.py" line="62"/>
        <source>Sound on</source>
        <translation>Activar sonido</translation>
    </message>
</context>
<context>
    <name>Attention</name>
    <message>
        <location filename="../../src/kitchen_app/ui/attention.py" line="37"/>
        <source>New order #%1</source>
        <translation>Pedido nuevo #%1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/attention.py" line="42"/>
        <source>%1 — accept within 5 minutes</source>
        <translation>%1 — aceptalo dentro de 5 minutos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/attention.py" line="60"/>
        <source>Orders are waiting</source>
        <translation>Hay pedidos esperando</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/attention.py" line="61"/>
        <source>The alert sound is not working: look at the desk.</source>
        <translation>El sonido de alerta no funciona: mirá el mostrador.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/attention.py" line="44"/>
        <source>%1 — a new order to prepare</source>
        <translation>%1 — un pedido nuevo para preparar</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="39"/>
        <source>Cancel order #%1</source>
        <translation>Cancelar pedido #%1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="42"/>
        <source>Why is order #%1 being cancelled?</source>
        <translation>¿Por qué se cancela el pedido #%1?</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="49"/>
        <source>Loading the marketplace&apos;s reasons…</source>
        <translation>Cargando los motivos del marketplace…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="55"/>
        <source>Cancel the order</source>
        <translation>Cancelar el pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="60"/>
        <source>Keep the order</source>
        <translation>Mantener el pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="82"/>
        <source>Could not get the reasons from the marketplace (%1). You can still cancel without a reason.</source>
        <translation>No se pudieron obtener los motivos del marketplace (%1). Igual podés cancelar sin motivo.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="93"/>
        <source>Choose a reason.</source>
        <translation>Elegí un motivo.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="95"/>
        <source>The marketplace offers no reasons for this order.</source>
        <translation>El marketplace no ofrece motivos para este pedido.</translation>
    </message>
</context>
<context>
    <name>CartPane</name>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="59"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="59"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="59"/>
        <source>Items</source>
        <translation>Ítems</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="59"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="77"/>
        <source>Print kitchen ticket (whole cart)</source>
        <translation>Imprimir comanda (todo el carrito)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="80"/>
        <source>Print receipt (whole cart)</source>
        <translation>Imprimir recibo (todo el carrito)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="88"/>
        <source>One ticket lists every order of the cart. Double-click an order to open it.</source>
        <translation>Un solo ticket lista todos los pedidos del carrito. Hacé doble clic en un pedido para abrirlo.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="117"/>
        <source>Cart #%1</source>
        <translation>Carrito n.º %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="119"/>
        <source>Cart id %1</source>
        <translation>ID del carrito %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="121"/>
        <source>%n order(s) bought together</source>
        <translation>
            <numerusform>%n pedido comprado junto</numerusform>
            <numerusform>%n pedidos comprados juntos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="141"/>
        <source>Cart total: %1</source>
        <translation>Total del carrito: %1</translation>
    </message>
</context>
<context>
    <name>Chips</name>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptado</translation>
    </message>
    <message>
        <source>Cook now</source>
        <translation>A cocinar</translation>
    </message>
    <message>
        <source>Courier coming</source>
        <translation>Repartidor viene</translation>
    </message>
    <message>
        <source>Courier here</source>
        <translation>Repartidor acá</translation>
    </message>
    <message>
        <source>On its way</source>
        <translation>En camino</translation>
    </message>
    <message>
        <source>At the door</source>
        <translation>En la puerta</translation>
    </message>
    <message>
        <source>Failed delivery</source>
        <translation>Entrega fallida</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>No entregado</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Vencido</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="92"/>
        <source>Relay: starting…</source>
        <translation>Relay: iniciando…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="94"/>
        <source>Relay connected</source>
        <translation>Relay conectado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="96"/>
        <source>Relay: connecting…</source>
        <translation>Relay: conectando…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="99"/>
        <source>Offline since %1</source>
        <translation>Sin conexión desde las %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="101"/>
        <source>Relay rejected the desk token — check Settings</source>
        <translation>El relay rechazó el token — revisá la Configuración</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="103"/>
        <source>No relay configured</source>
        <translation>Sin relay configurado</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="109"/>
        <source>%n action(s) waiting for the marketplace</source>
        <translation>
            <numerusform>%n acción esperando al marketplace</numerusform>
            <numerusform>%n acciones esperando al marketplace</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="134"/>
        <source>%n unresolved notification(s) — view</source>
        <translation>
            <numerusform>%n notificación sin pedido — ver</numerusform>
            <numerusform>%n notificaciones sin pedido — ver</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="142"/>
        <source>● Checking…</source>
        <translation>● Verificando…</translation>
    </message>
    <message>
        <source>The desk is still checking the relay, Mercado Pago and the printers.</source>
        <translation type="vanished">El mostrador todavía está verificando el relay, Mercado Pago y las impresoras.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="147"/>
        <source>● All well</source>
        <translation>● Todo bien</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="148"/>
        <source>Relay, marketplace and printers work; no order is held back.</source>
        <translation>Relay, marketplace e impresoras funcionan; ningún pedido está retenido.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="152"/>
        <source>● Check the desk</source>
        <translation>● Revisá el mostrador</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="158"/>
        <source>(+%n more)</source>
        <translation>
            <numerusform>(+%n más)</numerusform>
            <numerusform>(+%n más)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="175"/>
        <source>%1: not answering</source>
        <translation>%1: no responde</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="184"/>
        <source>%1: not tried yet</source>
        <translation>%1: sin probar todavía</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="187"/>
        <source>%1: answering</source>
        <translation>%1: responde</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="200"/>
        <source>No events yet</source>
        <translation>Todavía sin eventos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="204"/>
        <source>Last event %1 s ago</source>
        <translation>Último evento hace %1 s</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="206"/>
        <source>Last event at %1</source>
        <translation>Último evento a las %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="218"/>
        <source>Printer: not reported yet</source>
        <translation>Impresora: sin estado todavía</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="224"/>
        <source>Printer %1: %2</source>
        <translation>Impresora %1: %2</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="225"/>
        <source>not ready</source>
        <translation>no está lista</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="233"/>
        <source>Printer ready: %1</source>
        <translation>Impresora lista: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="239"/>
        <source>⚠ No sound output: new-order alerts are silent</source>
        <translation>⚠ Sin salida de sonido: las alertas de pedidos nuevos no suenan</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="245"/>
        <source>The window and the taskbar flash at every chime instead. Check the speakers, the volume and the computer&apos;s sound settings.</source>
        <translation>En su lugar, la ventana y la barra de tareas parpadean en cada aviso. Revisá los parlantes, el volumen y la configuración de sonido de la computadora.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="144"/>
        <source>The desk is still checking the relay, the marketplaces and the printers.</source>
        <translation>La caja todavía está revisando el relay, los marketplaces y las impresoras.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="77"/>
        <source>DEMO — orders are simulated</source>
        <translation>DEMO — los pedidos son simulados</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="81"/>
        <source>Search order # or name (Ctrl+F)</source>
        <translation>Buscar n.º de pedido o nombre (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="86"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="166"/>
        <source>All (%1)</source>
        <translation>Todos (%1)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="110"/>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="132"/>
        <source>All marketplaces</source>
        <translation>Todos los marketplaces</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="128"/>
        <source>All shops</source>
        <translation>Todas</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="134"/>
        <source>Show one marketplace&apos;s orders (Ctrl+M)</source>
        <translation>Mostrar los pedidos de un marketplace (Ctrl+M)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="47"/>
        <source>Welcome to Kitchen Desk</source>
        <translation>Bienvenido a Kitchen Desk</translation>
    </message>
    <message>
        <source>Orders from Mercado Pago Delivery arrive here, with a sound you cannot miss. How do you want to start?</source>
        <translation type="vanished">Los pedidos de Mercado Pago Delivery llegan acá, con un sonido imposible de ignorar. ¿Cómo querés empezar?</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="57"/>
        <source>Try the demo (simulated orders, nothing real)</source>
        <translation>Probar la demo (pedidos simulados, nada real)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="59"/>
        <source>Connect to my store</source>
        <translation>Conectar mi local</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="93"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="116"/>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="125"/>
        <source>Required to connect.</source>
        <translation>Necesario para conectar.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="131"/>
        <source>Start the demo</source>
        <translation>Iniciar la demo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="131"/>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="51"/>
        <source>Orders from %1 arrive here, with a sound you cannot miss. How do you want to start?</source>
        <translation>Los pedidos de %1 llegan acá, con un sonido imposible de ignorar. ¿Cómo querés empezar?</translation>
    </message>
</context>
<context>
    <name>HealthWords</name>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="41"/>
        <source>%1 is not answering the desk: %2 — check Settings › %1</source>
        <translation>%1 no le responde al mostrador: %2 — revisá Configuración › %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="46"/>
        <source>%1 is not answering the desk — check the internet and Settings › %1</source>
        <translation>%1 no le responde al mostrador — revisá internet y Configuración › %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="55"/>
        <source>The relay refused this desk&apos;s token — check Settings</source>
        <translation>El relay rechazó el token de este mostrador — revisá la Configuración</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="64"/>
        <source>No connection to the relay: new orders may not arrive — check the internet</source>
        <translation>Sin conexión con el relay: pueden no llegar pedidos nuevos — revisá internet</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="73"/>
        <source>No relay configured: new orders cannot arrive — Settings</source>
        <translation>No hay relay configurado: no pueden llegar pedidos nuevos — Configuración</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="81"/>
        <source>%1 paused the store: no new orders — press Reopen store</source>
        <translation>%1 pausó la tienda: no llegan pedidos — tocá Reabrir tienda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="85"/>
        <source>%1 disabled the store: only %1 can enable it again</source>
        <translation>%1 deshabilitó la tienda: solo %1 puede habilitarla de nuevo</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="98"/>
        <source>%n order(s) expired while the desk was offline — see the list</source>
        <translation>
            <numerusform>%n pedido venció mientras el mostrador estaba sin conexión — mirá la lista</numerusform>
            <numerusform>%n pedidos vencieron mientras el mostrador estaba sin conexión — mirá la lista</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s) could not be matched to an order — open them and check the Mercado Pago app</source>
        <translation type="vanished">
            <numerusform>%n notificación no se pudo asociar a un pedido — abrila y revisá la app de Mercado Pago</numerusform>
            <numerusform>%n notificaciones no se pudieron asociar a un pedido — abrilas y revisá la app de Mercado Pago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="119"/>
        <source>%n order(s) still loading — check the internet</source>
        <translation>
            <numerusform>%n pedido todavía cargando — revisá internet</numerusform>
            <numerusform>%n pedidos todavía cargando — revisá internet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) could not be read for a while — the desk keeps trying; check them in the Mercado Pago app</source>
        <translation type="vanished">
            <numerusform>%n pedido no se puede leer hace un rato — el mostrador sigue intentando; revisalo en la app de Mercado Pago</numerusform>
            <numerusform>%n pedidos no se pueden leer hace un rato — el mostrador sigue intentando; revisalos en la app de Mercado Pago</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="141"/>
        <source>Printer %1: %2 — check it</source>
        <translation>Impresora %1: %2 — revisala</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="143"/>
        <source>not ready</source>
        <translation>no está lista</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="152"/>
        <source>%n ticket(s) did not print — see the order&apos;s print problems (F9)</source>
        <translation>
            <numerusform>%n ticket no se imprimió — mirá los problemas de impresión del pedido (F9)</numerusform>
            <numerusform>%n tickets no se imprimieron — mirá los problemas de impresión del pedido (F9)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="107"/>
        <source>%n notification(s) could not be matched to an order — open them and check the marketplace&apos;s app</source>
        <translation>
            <numerusform>%n notificación no se pudo asociar a un pedido — abrila y revisá la app del marketplace</numerusform>
            <numerusform>%n notificaciones no se pudieron asociar a un pedido — abrilas y revisá la app del marketplace</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="129"/>
        <source>%n order(s) could not be read for a while — the desk keeps trying; check them in the marketplace&apos;s app</source>
        <translation>
            <numerusform>%n pedido no se pudo leer hace un rato — la caja sigue intentando; revisalo en la app del marketplace</numerusform>
            <numerusform>%n pedidos no se pudieron leer hace un rato — la caja sigue intentando; revisalos en la app del marketplace</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Being created</source>
        <translation>En creación</translation>
    </message>
    <message>
        <source>Waiting for payment</source>
        <translation>Esperando el pago</translation>
    </message>
    <message>
        <source>New — accept or cancel</source>
        <translation>Nuevo — aceptá o cancelá</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptado</translation>
    </message>
    <message>
        <source>Start cooking</source>
        <translation>Empezar a cocinar</translation>
    </message>
    <message>
        <source>Courier on the way</source>
        <translation>Repartidor en camino</translation>
    </message>
    <message>
        <source>Courier at the counter</source>
        <translation>Repartidor en el local</translation>
    </message>
    <message>
        <source>Out for delivery</source>
        <translation>En reparto</translation>
    </message>
    <message>
        <source>At the customer&apos;s door</source>
        <translation>En la puerta del cliente</translation>
    </message>
    <message>
        <source>Delivery failed</source>
        <translation>Entrega fallida</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>No entregado</translation>
    </message>
    <message>
        <source>Cancelled by the store</source>
        <translation>Cancelado por el local</translation>
    </message>
    <message>
        <source>Cancelled: not accepted in time</source>
        <translation>Cancelado: no se aceptó a tiempo</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Mercado Pago wallet</source>
        <translation>Dinero en cuenta de Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="80"/>
        <source>Credit card</source>
        <translation>Tarjeta de crédito</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="81"/>
        <source>Debit card</source>
        <translation>Tarjeta de débito</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="82"/>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="83"/>
        <source>Pix</source>
        <translation>Pix</translation>
    </message>
    <message>
        <source>Flex</source>
        <translation>Flex</translation>
    </message>
    <message>
        <source>Dropoff</source>
        <translation>Dropoff</translation>
    </message>
    <message>
        <source>Takeout</source>
        <translation>Retiro en local</translation>
    </message>
    <message>
        <source>Own shipping</source>
        <translation>Envío propio</translation>
    </message>
    <message>
        <source>Mercado Envíos</source>
        <translation>Mercado Envíos</translation>
    </message>
    <message>
        <source>Shopee shipping</source>
        <translation>Envío Shopee</translation>
    </message>
    <message>
        <source>Mercado Pago</source>
        <translation>Mercado Pago</translation>
    </message>
    <message>
        <source>Mercado Libre</source>
        <translation>Mercado Libre</translation>
    </message>
    <message>
        <source>Shopee</source>
        <translation>Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="87"/>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="88"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="89"/>
        <source>Mark ready</source>
        <translation>Marcar listo</translation>
    </message>
    <message>
        <source>Mercado Pago receipt</source>
        <translation>Comprobante de Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="90"/>
        <source>Kitchen ticket</source>
        <translation>Comanda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="91"/>
        <source>Customer receipt</source>
        <translation>Recibo del cliente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="96"/>
        <source>requested</source>
        <translation>solicitado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="97"/>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="98"/>
        <source>pending — will retry</source>
        <translation>pendiente — se reintenta</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="99"/>
        <source>confirmed</source>
        <translation>confirmado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="100"/>
        <source>failed</source>
        <translation>falló</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="101"/>
        <source>queued</source>
        <translation>en cola</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="102"/>
        <source>printing</source>
        <translation>imprimiendo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="103"/>
        <source>printed</source>
        <translation>impreso</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="104"/>
        <source>maybe printed — check the printer</source>
        <translation>quizás impreso — revisá la impresora</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="92"/>
        <source>The marketplace&apos;s document</source>
        <translation>El documento del marketplace</translation>
    </message>
    <message>
        <source>the marketplaces</source>
        <translation>los marketplaces</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 y %2</translation>
    </message>
</context>
<context>
    <name>LinkRow</name>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="68"/>
        <source>Link %1</source>
        <translation>Vincular %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="82"/>
        <source>Linked as %1</source>
        <translation>Vinculado como %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="82"/>
        <source>Linked</source>
        <translation>Vinculado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="83"/>
        <source>Link again</source>
        <translation>Vincular de nuevo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="85"/>
        <source>Link expired: link again</source>
        <translation>Vínculo vencido: vinculá de nuevo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="87"/>
        <source>Not linked</source>
        <translation>Sin vincular</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="36"/>
        <source>Asking the relay to link %1…</source>
        <translation>Pidiendo al relay vincular %1…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="41"/>
        <source>Could not link %1: %2</source>
        <translation>No se pudo vincular %1: %2</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="46"/>
        <source>Finish linking %1 in the browser, then come back here.</source>
        <translation>Terminá de vincular %1 en el navegador y volvé acá.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="50"/>
        <source>Could not open the browser for %1</source>
        <translation>No se pudo abrir el navegador para %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="813"/>
        <source>%1 for order #%2?</source>
        <translation>¿%1 para el pedido #%2?</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="117"/>
        <source>Kitchen Desk — demo</source>
        <translation>Kitchen Desk — demo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="117"/>
        <source>Kitchen Desk</source>
        <translation>Kitchen Desk</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="396"/>
        <source>Could not record it: %1</source>
        <translation>No se pudo registrar: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="446"/>
        <source>Asking the marketplace to reopen the store…</source>
        <translation>Pidiendo al marketplace que reabra la tienda…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="452"/>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="465"/>
        <source>The store was not reopened: %1</source>
        <translation>La tienda no se reabrió: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="457"/>
        <source>The store is open again: new orders can arrive.</source>
        <translation>La tienda está abierta de nuevo: pueden llegar pedidos.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="460"/>
        <source>Reopen store: the marketplace cannot be reached; still trying.</source>
        <translation>Reabrir tienda: no se puede contactar al marketplace; seguimos intentando.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="466"/>
        <source>refused</source>
        <translation>rechazado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="579"/>
        <source>The relay rejected this desk&apos;s token: new orders are NOT arriving. Open Settings and check the desk token.</source>
        <translation>El relay rechazó el token de este mostrador: NO están llegando pedidos nuevos. Abrí la Configuración y revisá el token.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="584"/>
        <source>Offline since %1: new orders may not arrive. Today&apos;s orders, tickets and reprints still work; accept and cancel wait until the connection is back.</source>
        <translation>Sin conexión desde las %1: pueden no llegar pedidos nuevos. Los pedidos de hoy, las comandas y las reimpresiones siguen funcionando; aceptar y cancelar esperan a que vuelva la conexión.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="864"/>
        <source>Something went wrong (%1); details are in the log.</source>
        <translation>Algo salió mal (%1); los detalles están en el registro.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/main_window.py" line="900"/>
        <source>%n new order(s) waiting</source>
        <translation>
            <numerusform>%n pedido nuevo esperando</numerusform>
            <numerusform>%n pedidos nuevos esperando</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="901"/>
        <source>accept within %1</source>
        <translation>aceptá en %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/main_window.py" line="903"/>
        <source>%n order(s) expired while the desk was offline</source>
        <translation>
            <numerusform>%n pedido venció mientras el mostrador estaba sin conexión</numerusform>
            <numerusform>%n pedidos vencieron mientras el mostrador estaba sin conexión</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/main_window.py" line="906"/>
        <source>%n notification(s) could not be matched to an order — see the status bar</source>
        <translation>
            <numerusform>%n notificación no se pudo asociar a un pedido — mirá la barra de estado</numerusform>
            <numerusform>%n notificaciones no se pudieron asociar a un pedido — mirá la barra de estado</numerusform>
        </translation>
    </message>
    <message>
        <source>Order #%1 expired without being accepted. One more automatic cancellation will PAUSE the store on Mercado Pago.</source>
        <translation type="vanished">El pedido #%1 venció sin ser aceptado. Una cancelación automática más va a PAUSAR el local en Mercado Pago.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="960"/>
        <source>Orders are waiting</source>
        <translation>Hay pedidos esperando</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) are waiting to be accepted. If the desk closes, nobody hears the alert and Mercado Pago cancels them after 5 minutes.</source>
        <translation type="vanished">
            <numerusform>%n pedido espera ser aceptado. Si el mostrador se cierra, nadie escucha la alerta y Mercado Pago lo cancela a los 5 minutos.</numerusform>
            <numerusform>%n pedidos esperan ser aceptados. Si el mostrador se cierra, nadie escucha la alerta y Mercado Pago los cancela a los 5 minutos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="971"/>
        <source>Keep the desk open</source>
        <translation>Dejar el mostrador abierto</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="972"/>
        <source>Minimise</source>
        <translation>Minimizar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="973"/>
        <source>Close anyway</source>
        <translation>Cerrar igual</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="208"/>
        <source>Copy order id</source>
        <translation>Copiar ID del pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="673"/>
        <source>cart %1</source>
        <translation>carrito %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="684"/>
        <source>Copied %1</source>
        <translation>Copiado: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="922"/>
        <source>Order #%1 expired without being accepted. One more automatic cancellation will PAUSE the store on %2.</source>
        <translation>El pedido n.º %1 venció sin ser aceptado. Una cancelación automática más PAUSA la tienda en %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/main_window.py" line="962"/>
        <source>%n order(s) are waiting to be accepted. If the desk closes, nobody hears the alert and the marketplace cancels them when their time runs out.</source>
        <translation>
            <numerusform>%n pedido espera ser aceptado. Si la caja se cierra, nadie escucha la alerta y el marketplace lo cancela cuando se le acabe el tiempo.</numerusform>
            <numerusform>%n pedidos esperan ser aceptados. Si la caja se cierra, nadie escucha la alerta y el marketplace los cancela cuando se les acabe el tiempo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MissedBanner</name>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="142"/>
        <source>Seen</source>
        <translation>Visto</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/notices.py" line="160"/>
        <source>and %n more</source>
        <translation>
            <numerusform>y %n más</numerusform>
            <numerusform>y %n más</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>While the desk was offline, %n order(s) arrived and expired unaccepted: %1. Check them in the Mercado Pago app.</source>
        <translation type="vanished">
            <numerusform>Mientras el mostrador estaba sin conexión, llegó %n pedido y venció sin aceptar: %1. Revisalo en la app de Mercado Pago.</numerusform>
            <numerusform>Mientras el mostrador estaba sin conexión, llegaron %n pedidos y vencieron sin aceptar: %1. Revisalos en la app de Mercado Pago.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/notices.py" line="163"/>
        <source>While the desk was offline, %n order(s) arrived and expired unaccepted: %1. Check them in the marketplace&apos;s app.</source>
        <translation>
            <numerusform>Mientras la caja estaba sin conexión, %n pedido llegó y venció sin aceptar: %1. Revisalo en la app del marketplace.</numerusform>
            <numerusform>Mientras la caja estaba sin conexión, %n pedidos llegaron y vencieron sin aceptar: %1. Revisalos en la app del marketplace.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="74"/>
        <source>#%1: could not queue %2: %3</source>
        <translation>#%1: no se pudo encolar %2: %3</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="78"/>
        <source>#%1: %2 reprint sent to the printer</source>
        <translation>#%1: reimpresión de %2 enviada a la impresora</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="80"/>
        <source>#%1: %2 sent to the printer</source>
        <translation>#%1: %2 enviado a la impresora</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="108"/>
        <source>#%1: %2 not printed again: %3</source>
        <translation>#%1: no se pudo volver a imprimir (%2): %3</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="111"/>
        <source>#%1: %2 sent again, to %3</source>
        <translation>#%1: %2 — se envió de nuevo, a %3</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="114"/>
        <source>#%1: %2 sent to the printer again</source>
        <translation>#%1: %2 — se envió de nuevo a la impresora</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="127"/>
        <source>#%1: %2 not marked as printed: %3</source>
        <translation>#%1: no se pudo marcar como impreso (%2): %3</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="130"/>
        <source>#%1: %2 marked as printed</source>
        <translation>#%1: %2 — anotado: se imprimió</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="150"/>
        <source>#%1: %2 failed: %3</source>
        <translation>#%1: %2 falló: %3</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="153"/>
        <source>#%1: %2 confirmed by the marketplace</source>
        <translation>#%1: %2 confirmado por el marketplace</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="156"/>
        <source>#%1: %2 is pending — the marketplace is not reachable; retrying</source>
        <translation>#%1: %2 pendiente — no se puede contactar al marketplace; reintentando</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="159"/>
        <source>#%1: %2 refused: %3</source>
        <translation>#%1: %2 rechazado: %3</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="160"/>
        <source>no reason given</source>
        <translation>sin motivo informado</translation>
    </message>
</context>
<context>
    <name>OrderDetail</name>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="100"/>
        <source>Timeline</source>
        <translation>Historial</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="104"/>
        <source>Select an order to see it here.</source>
        <translation>Elegí un pedido para verlo acá.</translation>
    </message>
    <message>
        <source>New order #%1 — details loading.

Mercado Pago announced it at %2 and its 5 minutes are running; the desk keeps trying to read it (attempt %3).</source>
        <translation type="vanished">Pedido nuevo #%1 — cargando detalles.

Mercado Pago lo anunció a las %2 y sus 5 minutos están corriendo; el mostrador sigue intentando leerlo (intento %3).</translation>
    </message>
    <message>
        <source>It could not be read for a while: check it in the Mercado Pago app.</source>
        <translation type="vanished">No se puede leer hace un rato: revisalo en la app de Mercado Pago.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="200"/>
        <source>received %1</source>
        <translation>recibido a las %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="210"/>
        <source>Flex QR — the courier scans it</source>
        <translation>QR Flex — lo escanea el repartidor</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="225"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="226"/>
        <source>Order note</source>
        <translation>Nota del pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="259"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="262"/>
        <source>prepaid</source>
        <translation>pagado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="262"/>
        <source>to collect</source>
        <translation>a cobrar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="169"/>
        <source>New order #%1 — details loading.

%4 announced it at %2 and its time to answer is running; the desk keeps trying to read it (attempt %3).</source>
        <translation>Pedido nuevo n.º %1 — cargando detalles.

%4 lo anunció a las %2 y el tiempo para responder corre; la caja sigue intentando leerlo (intento %3).</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="177"/>
        <source>It could not be read for a while: check it in the %1 app.</source>
        <translation>No se pudo leer hace un rato: revisalo en la app de %1.</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="224"/>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="225"/>
        <source>Time left</source>
        <translation>Tiempo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="226"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="227"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="228"/>
        <source>Items</source>
        <translation>Ítems</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="229"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="230"/>
        <source>Delivery</source>
        <translation>Entrega</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="231"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="232"/>
        <source>Received</source>
        <translation>Recibido</translation>
    </message>
    <message>
        <source>Mercado Pago announced this order but its details could not be read yet (attempt %1). Its 5 minutes are running: the desk keeps trying.</source>
        <translation type="vanished">Mercado Pago anunció este pedido pero todavía no se pudieron leer sus detalles (intento %1). Sus 5 minutos están corriendo: el mostrador sigue intentando.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="452"/>
        <source>Last error: %1</source>
        <translation>Último error: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="470"/>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="473"/>
        <source>Still trying…</source>
        <translation>Seguimos intentando…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="474"/>
        <source>Details loading</source>
        <translation>Cargando detalles</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="446"/>
        <source>New order #%1 — details loading</source>
        <translation>Pedido nuevo #%1 — cargando detalles</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="359"/>
        <source>#%1 · order id %2</source>
        <translation>#%1 · ID del pedido %2</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="361"/>
        <source>Ctrl+C copies the order id</source>
        <translation>Ctrl+C copia el ID del pedido</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="401"/>
        <source>Cart #%1: %n order(s) bought together</source>
        <translation>
            <numerusform>Carrito n.º %1: %n pedido comprado junto</numerusform>
            <numerusform>Carrito n.º %1: %n pedidos comprados juntos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="405"/>
        <source>Ctrl+C copies the cart id</source>
        <translation>Ctrl+C copia el ID del carrito</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_columns.py" line="71"/>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="427"/>
        <source>Cart ×%1</source>
        <translation>Carrito ×%1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="448"/>
        <source>%1 announced this order but its details could not be read yet (attempt %2). Its time to answer is running: the desk keeps trying.</source>
        <translation>%1 anunció este pedido pero todavía no se pudieron leer sus detalles (intento %2). El tiempo para responder corre: la caja sigue intentando.</translation>
    </message>
</context>
<context>
    <name>PrintProblemsPanel</name>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="177"/>
        <source>%1 (reprint)</source>
        <translation>%1 (reimpresión)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="179"/>
        <source>%1, copy %2</source>
        <translation>%1, copia %2</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="190"/>
        <source>%1 went to “%2” but it never confirmed. Did it print? (F9)</source>
        <translation>%1 salió hacia «%2», pero la impresora no lo confirmó. ¿Se imprimió? (F9)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="192"/>
        <source>%1 did not print on “%2”. (F9)</source>
        <translation>%1 no se imprimió en «%2». (F9)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="208"/>
        <source>Yes, it printed</source>
        <translation>Sí, se imprimió</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="210"/>
        <source>No, print again</source>
        <translation>No, imprimir de nuevo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="211"/>
        <source>Prints it once more, marked as a reprint</source>
        <translation>Lo imprime otra vez, marcado como reimpresión</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="215"/>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="217"/>
        <source>Retry on another printer…</source>
        <translation>Reintentar en otra impresora…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="229"/>
        <source>No other printer is set up (Settings → Printers)</source>
        <translation>No hay otra impresora configurada (Configuración → Impresoras)</translation>
    </message>
</context>
<context>
    <name>PrinterForm</name>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="64"/>
        <source>Add printer</source>
        <translation>Agregar impresora</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="66"/>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="68"/>
        <source>Print calibration ticket</source>
        <translation>Imprimir ticket de calibración</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="71"/>
        <source>Prints ç ã é ñ € in each code page: keep the one that reads right.</source>
        <translation>Imprime ç ã é ñ € en cada página de códigos: quedate con la que se lea bien.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="81"/>
        <source>Network (IP:port)</source>
        <translation>Red (IP:puerto)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="82"/>
        <source>USB (vendor:product)</source>
        <translation>USB (fabricante:producto)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="83"/>
        <source>Serial port</source>
        <translation>Puerto serie</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="84"/>
        <source>File / device path</source>
        <translation>Archivo / dispositivo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="85"/>
        <source>System print queue (PDF)</source>
        <translation>Cola de impresión del sistema (PDF)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="112"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="113"/>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="114"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="115"/>
        <source>Paper width</source>
        <translation>Ancho del papel</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="116"/>
        <source>Code page</source>
        <translation>Página de códigos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="117"/>
        <source>Kitchen ticket copies</source>
        <translation>Copias de la comanda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="118"/>
        <source>Receipt copies</source>
        <translation>Copias del recibo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="162"/>
        <source>Printer %1</source>
        <translation>Impresora %1</translation>
    </message>
</context>
<context>
    <name>RelinkBanner</name>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="123"/>
        <source>%1 link expired — relink</source>
        <translation>Venció el vínculo con %1 — volvé a vincular</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="127"/>
        <source>Relink</source>
        <translation>Volver a vincular</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="129"/>
        <source>Relink %1</source>
        <translation>Volver a vincular %1</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="38"/>
        <source>Relay address</source>
        <translation>Dirección del relay</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="39"/>
        <source>Desk token</source>
        <translation>Token del mostrador</translation>
    </message>
    <message>
        <source>Mercado Pago API address</source>
        <translation>Dirección de la API de Mercado Pago</translation>
    </message>
    <message>
        <source>Mercado Pago access token</source>
        <translation>Access token de Mercado Pago</translation>
    </message>
    <message>
        <source>Mercado Pago user id</source>
        <translation>ID de usuario de Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="40"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="41"/>
        <source>Time zone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="42"/>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="43"/>
        <source>Alert sound</source>
        <translation>Sonido de alerta</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="44"/>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="45"/>
        <source>Accept automatically</source>
        <translation>Aceptar automáticamente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="46"/>
        <source>Print when accepted</source>
        <translation>Imprimir al aceptar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="47"/>
        <source>Kitchen ticket copies</source>
        <translation>Copias de la comanda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="48"/>
        <source>Receipt copies</source>
        <translation>Copias del recibo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="49"/>
        <source>Printers</source>
        <translation>Impresoras</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="50"/>
        <source>Default printer</source>
        <translation>Impresora predeterminada</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="51"/>
        <source>Re-check interval</source>
        <translation>Intervalo de verificación</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="52"/>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="65"/>
        <source>must be one line</source>
        <translation>debe ser una sola línea</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="66"/>
        <source>must be text</source>
        <translation>debe ser texto</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="67"/>
        <source>must be a web address</source>
        <translation>debe ser una dirección web</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="68"/>
        <source>must be yes or no</source>
        <translation>debe ser sí o no</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="69"/>
        <source>must be a whole number</source>
        <translation>debe ser un número entero</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="70"/>
        <source>two printers have the same name</source>
        <translation>dos impresoras tienen el mismo nombre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="73"/>
        <source>not a web address (http:// or https://): %1</source>
        <translation>no es una dirección web (http:// o https://): %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="77"/>
        <source>must be between %1</source>
        <translation>debe estar entre %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="79"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="94"/>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="100"/>
        <source>Printers</source>
        <translation>Impresoras</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="101"/>
        <source>Sound</source>
        <translation>Sonido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="102"/>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="112"/>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="113"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="131"/>
        <source>(hidden)</source>
        <translation>(oculto)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="146"/>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="176"/>
        <source>Set the relay address and desk token, save, then link</source>
        <translation>Cargá la dirección del relay y el token del mostrador, guardá y después vinculá</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="190"/>
        <source>Link state unknown: %1</source>
        <translation>No se sabe el estado del vínculo: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="198"/>
        <source>The relay cannot link this marketplace</source>
        <translation>El relay no puede vincular este marketplace</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="236"/>
        <source>Play a sound for new orders</source>
        <translation>Sonar con los pedidos nuevos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="243"/>
        <source>Test sound</source>
        <translation>Probar sonido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="250"/>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="252"/>
        <source>The alert gets louder and faster as an order&apos;s 5-minute limit nears.</source>
        <translation>La alerta suena más fuerte y más seguido a medida que se acerca el límite de 5 minutos del pedido.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="264"/>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="266"/>
        <source>Language (after restart)</source>
        <translation>Idioma (al reiniciar)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="267"/>
        <source>Accept new orders automatically</source>
        <translation>Aceptar pedidos nuevos automáticamente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="270"/>
        <source>Print tickets when an order is accepted</source>
        <translation>Imprimir al aceptar un pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="335"/>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="351"/>
        <source>Not saved: %1</source>
        <translation>No se guardó: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="358"/>
        <source>Printing a calibration ticket on %1…</source>
        <translation>Imprimiendo un ticket de calibración en %1…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="362"/>
        <source>Calibration failed: %1</source>
        <translation>La calibración falló: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="366"/>
        <source>Calibration ticket sent to %1. Keep the code page whose line reads right.</source>
        <translation>Ticket de calibración enviado a %1. Quedate con la página de códigos cuya línea se lea bien.</translation>
    </message>
</context>
<context>
    <name>Stages</name>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="71"/>
        <source>New</source>
        <translation>Nuevos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="72"/>
        <source>Preparing</source>
        <translation>En preparación</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="73"/>
        <source>On the way</source>
        <translation>En camino</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="74"/>
        <source>Done</source>
        <translation>Terminados</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="75"/>
        <source>Cancelled</source>
        <translation>Cancelados</translation>
    </message>
</context>
<context>
    <name>StorePausedBanner</name>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="48"/>
        <source>two orders expired without being accepted</source>
        <translation>vencieron dos pedidos sin aceptar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="68"/>
        <location filename="../../src/kitchen_app/ui/notices.py" line="105"/>
        <location filename="../../src/kitchen_app/ui/notices.py" line="113"/>
        <source>Reopen store</source>
        <translation>Reabrir tienda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="85"/>
        <source>%1 PAUSED this store: no new orders arrive.</source>
        <translation>%1 PAUSÓ esta tienda: no llegan pedidos nuevos.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="88"/>
        <source>%1 DISABLED this store: no new orders arrive, and only %1 can enable it again.</source>
        <translation>%1 DESHABILITÓ esta tienda: no llegan pedidos nuevos y solo %1 puede habilitarla de nuevo.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="91"/>
        <source>Why: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/notices.py" line="93"/>
        <source>(%n more store(s) not taking orders)</source>
        <translation>
            <numerusform>(%n tienda más no recibe pedidos)</numerusform>
            <numerusform>(%n tiendas más no reciben pedidos)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="107"/>
        <source>Ask %1 to take orders again in this store? Make sure the kitchen can accept orders within 5 minutes: two more expired orders pause it again.</source>
        <translation>¿Pedirle a %1 que esta tienda vuelva a recibir pedidos? Asegurate de que la cocina pueda aceptar pedidos dentro de los 5 minutos: dos pedidos vencidos más la vuelven a pausar.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="114"/>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../src/kitchen_app/ui/timeline.py" line="118"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/timeline.py" line="118"/>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/timeline.py" line="118"/>
        <source>We learnt it</source>
        <translation>Nos enteramos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/timeline.py" line="126"/>
        <source>Print: %1</source>
        <translation>Impresión: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/timeline.py" line="128"/>
        <source>%1 (reprint)</source>
        <translation>%1 (reimpresión)</translation>
    </message>
</context>
<context>
    <name>UnresolvedDialog</name>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="191"/>
        <source>Notifications without an order</source>
        <translation>Notificaciones sin pedido</translation>
    </message>
    <message>
        <source>The marketplace sent these notifications, but the desk could not tell which order they are about. An order may be waiting: look for it in the Mercado Pago app. Dismiss a notification once it is handled.</source>
        <translation type="vanished">El marketplace envió estas notificaciones, pero el mostrador no pudo saber de qué pedido son. Puede haber un pedido esperando: buscalo en la app de Mercado Pago. Descartá cada notificación cuando esté resuelta.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="215"/>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="250"/>
        <source>Nothing left to check.</source>
        <translation>No queda nada por revisar.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="273"/>
        <source>Not dismissed: %1</source>
        <translation>No se descartó: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="198"/>
        <source>The marketplace sent these notifications, but the desk could not tell which order they are about. An order may be waiting: look for it in the marketplace&apos;s app (each notification names its marketplace). Dismiss a notification once it is handled.</source>
        <translation>El marketplace mandó estas notificaciones, pero la caja no pudo saber de qué pedido son. Puede haber un pedido esperando: buscalo en la app del marketplace (cada notificación dice de qué marketplace es). Descartá una notificación cuando esté resuelta.</translation>
    </message>
</context>
<context>
    <name>custody</name>
    <message>
        <location filename="../../src/kitchen_app/channels/custody.py" line="27"/>
        <source>Access token from</source>
        <translation>Origen del token de acceso</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/custody.py" line="28"/>
        <source>Automatic: the relay when the store is linked there, else the pasted token</source>
        <translation>Automático: el relay si el local está vinculado ahí, si no el token pegado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/custody.py" line="32"/>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/custody.py" line="33"/>
        <source>The relay (linked store)</source>
        <translation>El relay (local vinculado)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/custody.py" line="34"/>
        <source>The token pasted here</source>
        <translation>El token pegado acá</translation>
    </message>
</context>
<context>
    <name>mercadolibre</name>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="14"/>
        <source>No shipment yet: arrange delivery with the buyer, or wait for Mercado Libre to create it</source>
        <translation>Sin envío todavía: coordiná la entrega con el comprador, o esperá a que Mercado Libre lo cree</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="20"/>
        <source>Mercado Libre</source>
        <translation>Mercado Libre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="24"/>
        <source>Confirmed, not paid yet</source>
        <translation>Confirmada, sin pagar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="25"/>
        <source>Waiting for payment</source>
        <translation>Esperando el pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="26"/>
        <source>Payment in process</source>
        <translation>Pago en proceso</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="27"/>
        <source>Partially paid</source>
        <translation>Pagada en parte</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="28"/>
        <source>Paid — prepare it</source>
        <translation>Pagada — preparala</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="29"/>
        <source>Partially refunded</source>
        <translation>Reembolsada en parte</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="30"/>
        <source>Being cancelled</source>
        <translation>Cancelándose</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="31"/>
        <source>Cancelled by Mercado Libre</source>
        <translation>Cancelada por Mercado Libre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="32"/>
        <source>Invalid</source>
        <translation>Inválida</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="33"/>
        <source>Shipment pending</source>
        <translation>Envío pendiente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="34"/>
        <source>Shipment being prepared</source>
        <translation>Envío en preparación</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="35"/>
        <source>Ready to ship</source>
        <translation>Lista para enviar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="36"/>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="48"/>
        <source>Shipped</source>
        <translation>Despachada</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="37"/>
        <source>Out for delivery</source>
        <translation>En reparto</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="38"/>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="49"/>
        <source>Delivered</source>
        <translation>Entregada</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="39"/>
        <source>Not delivered — returning to us</source>
        <translation>No entregada — vuelve a nosotros</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="42"/>
        <source>Not delivered</source>
        <translation>No entregada</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="45"/>
        <source>Paid</source>
        <translation>Pagada</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="46"/>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="47"/>
        <source>To ship</source>
        <translation>Para enviar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="50"/>
        <source>Returned</source>
        <translation>Devuelta</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="53"/>
        <source>ME1</source>
        <translation>ME1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="54"/>
        <source>ME2</source>
        <translation>ME2</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="55"/>
        <source>Own</source>
        <translation>Propio</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="56"/>
        <source>To define</source>
        <translation>A definir</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="57"/>
        <source>Arrange</source>
        <translation>A coordinar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="60"/>
        <source>Mercado Pago balance</source>
        <translation>Dinero en Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="61"/>
        <source>Pix</source>
        <translation>Pix</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="62"/>
        <source>Mastercard</source>
        <translation>Mastercard</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="63"/>
        <source>Visa</source>
        <translation>Visa</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="64"/>
        <source>Boleto</source>
        <translation>Boleto</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="87"/>
        <source>Out of stock</source>
        <translation>Sin stock</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="89"/>
        <source>Buyer did not have the money</source>
        <translation>El comprador no tenía el dinero</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="91"/>
        <source>Buyer changed their mind</source>
        <translation>El comprador se arrepintió</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="92"/>
        <source>We changed our mind</source>
        <translation>Nos arrepentimos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="93"/>
        <source>Buyer did not answer</source>
        <translation>El comprador no respondió</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="96"/>
        <source>Buyer did not follow the policies</source>
        <translation>El comprador no respetó las políticas</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="99"/>
        <source>Other (our responsibility)</source>
        <translation>Otro (responsabilidad nuestra)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="103"/>
        <source>Other (the buyer&apos;s responsibility)</source>
        <translation>Otro (responsabilidad del comprador)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="105"/>
        <source>Dubious buyer</source>
        <translation>Comprador dudoso</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="106"/>
        <source>We are on holiday</source>
        <translation>Estamos de vacaciones</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="109"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="110"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="115"/>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="122"/>
        <source>Set tracking number</source>
        <translation>Cargar número de seguimiento</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="127"/>
        <source>Tracking number</source>
        <translation>Número de seguimiento</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="133"/>
        <source>Mark shipped</source>
        <translation>Marcar despachada</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="137"/>
        <source>Not delivered (returning to us)</source>
        <translation>No entregada (vuelve a nosotros)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="140"/>
        <source>This is final: Mercado Libre starts the return and refund. It cannot be undone.</source>
        <translation>Es definitivo: Mercado Libre inicia la devolución y el reembolso. No se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="147"/>
        <source>Mark delivered</source>
        <translation>Marcar entregada</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="150"/>
        <source>This is final and cannot be undone.</source>
        <translation>Es definitivo y no se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="154"/>
        <source>Set available stock</source>
        <translation>Cargar stock disponible</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="156"/>
        <source>Item</source>
        <translation>Producto</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="160"/>
        <source>Available quantity</source>
        <translation>Cantidad disponible</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="170"/>
        <source>Sale feedback</source>
        <translation>Calificar la venta</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="175"/>
        <source>Was the sale fulfilled?</source>
        <translation>¿Se concretó la venta?</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="181"/>
        <source>Rating</source>
        <translation>Calificación</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="183"/>
        <source>Positive</source>
        <translation>Positiva</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="184"/>
        <source>Neutral</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="185"/>
        <source>Negative</source>
        <translation>Negativa</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="191"/>
        <source>Message to the buyer</source>
        <translation>Mensaje para el comprador</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="197"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="205"/>
        <source>Put the items back in stock?</source>
        <translation>¿Devolver los productos al stock?</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="212"/>
        <source>Feedback can be given once per sale.</source>
        <translation>Cada venta se califica una sola vez.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="23"/>
        <source>Mercado Libre API address</source>
        <translation>Dirección de la API de Mercado Libre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="24"/>
        <source>Mercado Libre API</source>
        <translation>API de Mercado Libre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="30"/>
        <source>Mercado Libre access token</source>
        <translation>Token de acceso de Mercado Libre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="31"/>
        <source>Lasts 6 hours; leave empty when the relay hands out the store&apos;s token</source>
        <translation>Dura 6 horas; dejalo vacío si el relay entrega el token de la tienda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="40"/>
        <source>Mercado Libre seller id</source>
        <translation>ID de vendedor de Mercado Libre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="41"/>
        <source>The seller&apos;s user id (lists its recent orders)</source>
        <translation>El ID de usuario del vendedor (lista sus ventas recientes)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="48"/>
        <source>ME1 shipment updates</source>
        <translation>Actualizaciones de envíos ME1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="49"/>
        <source>Which Mercado Libre API reports ME1 shipments</source>
        <translation>Qué API de Mercado Libre informa los envíos ME1</translation>
    </message>
</context>
<context>
    <name>mp_delivery</name>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/display.py" line="20"/>
        <source>Mercado Pago</source>
        <translation>Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/settings.py" line="18"/>
        <source>Mercado Pago API address</source>
        <translation>Dirección de la API de Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/settings.py" line="19"/>
        <source>Mercado Pago API</source>
        <translation>API de Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/settings.py" line="25"/>
        <source>Mercado Pago access token</source>
        <translation>Access token de Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/settings.py" line="26"/>
        <source>The store&apos;s Mercado Pago token</source>
        <translation>El token de Mercado Pago de la tienda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/settings.py" line="37"/>
        <source>Mercado Pago user id</source>
        <translation>ID de usuario de Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/settings.py" line="38"/>
        <source>The store&apos;s Mercado Pago user id (finds its stores)</source>
        <translation>El ID de usuario de Mercado Pago de la tienda (encuentra sus locales)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/plugin.py" line="62"/>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/plugin.py" line="65"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/plugin.py" line="70"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/plugin.py" line="79"/>
        <source>Mercado Pago receipt</source>
        <translation>Comprobante de Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/plugin.py" line="83"/>
        <source>Mark ready</source>
        <translation>Marcar listo</translation>
    </message>
</context>
<context>
    <name>shopee</name>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="20"/>
        <source>Shopee</source>
        <translation>Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="24"/>
        <source>Waiting for payment</source>
        <translation>Esperando el pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="25"/>
        <source>Pending at Shopee</source>
        <translation>Pendiente en Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="26"/>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="27"/>
        <source>Waiting for the invoice</source>
        <translation>Esperando la factura</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="28"/>
        <source>Paid — prepare and arrange shipment</source>
        <translation>Pagado — prepare y organice el envío</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="29"/>
        <source>Shipment arranged</source>
        <translation>Envío organizado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="30"/>
        <source>Pickup failed — arrange again</source>
        <translation>Falló la recolección — organice de nuevo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="31"/>
        <source>With the carrier</source>
        <translation>Con el transportista</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="32"/>
        <source>Delivered — waiting for the buyer</source>
        <translation>Entregado — esperando al comprador</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="33"/>
        <source>Buyer asks to cancel — answer</source>
        <translation>El comprador pide cancelar — responda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="34"/>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="49"/>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="35"/>
        <source>Return requested</source>
        <translation>Devolución solicitada</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="36"/>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="51"/>
        <source>Completed</source>
        <translation>Completado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="39"/>
        <source>Unpaid</source>
        <translation>Sin pagar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="40"/>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="41"/>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="42"/>
        <source>Invoice</source>
        <translation>Factura</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="43"/>
        <source>To ship</source>
        <translation>Por enviar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="44"/>
        <source>Arranged</source>
        <translation>Organizado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="45"/>
        <source>Retry ship</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="46"/>
        <source>Shipped</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="47"/>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="48"/>
        <source>Cancel asked</source>
        <translation>Pide cancelar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="50"/>
        <source>Return</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="56"/>
        <source>Pix</source>
        <translation>Pix</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="57"/>
        <source>Boleto</source>
        <translation>Boleto</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="58"/>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="59"/>
        <source>Credit card</source>
        <translation>Tarjeta de crédito</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="60"/>
        <source>ShopeePay</source>
        <translation>ShopeePay</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="46"/>
        <source>Shopee partner key</source>
        <translation>Partner key de Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="99"/>
        <source>Out of stock</source>
        <translation>Sin stock</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="100"/>
        <source>The buyer asked to cancel</source>
        <translation>El comprador pidió cancelar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="101"/>
        <source>Address outside our delivery area</source>
        <translation>Dirección fuera de nuestra zona de entrega</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="107"/>
        <source>Cancel order</source>
        <translation>Cancelar pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="110"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="115"/>
        <source>Items out of stock</source>
        <translation>Artículos sin stock</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="125"/>
        <source>Answer the buyer&apos;s cancellation</source>
        <translation>Responder la cancelación del comprador</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="130"/>
        <source>Answer</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="132"/>
        <source>Accept: cancel the order</source>
        <translation>Aceptar: cancelar el pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="133"/>
        <source>Reject: keep the order</source>
        <translation>Rechazar: mantener el pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="143"/>
        <source>Pickup or drop-off</source>
        <translation>Recolección o despacho</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="149"/>
        <source>Tracking number</source>
        <translation>Número de seguimiento</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="157"/>
        <source>Sender&apos;s full name (drop-off)</source>
        <translation>Nombre completo del remitente (despacho)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="164"/>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="169"/>
        <source>Arrange shipment</source>
        <translation>Organizar envío</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="171"/>
        <source>Paid less than an hour ago: Shopee advises waiting an hour (until then the buyer can cancel alone).</source>
        <translation>Pagado hace menos de una hora: Shopee aconseja esperar una hora (hasta entonces el comprador puede cancelar solo).</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="497"/>
        <source>Drop off at any carrier branch</source>
        <translation>Despachar en cualquier sucursal del transportista</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="503"/>
        <source>Own carrier (type its tracking number)</source>
        <translation>Transportista propio (escriba el número de seguimiento)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="24"/>
        <source>Shopee API address</source>
        <translation>Dirección de la API de Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="25"/>
        <source>Shopee Open Platform (Brazil: openplatform.shopee.com.br)</source>
        <translation>Shopee Open Platform (Brasil: openplatform.shopee.com.br)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="31"/>
        <source>Shopee access token</source>
        <translation>Token de acceso de Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="32"/>
        <source>The shop&apos;s access token (lasts 4 hours)</source>
        <translation>El token de acceso de la tienda (dura 4 horas)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="38"/>
        <source>Shopee partner id</source>
        <translation>Partner id de Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="39"/>
        <source>The app&apos;s partner id on the Shopee Open Platform</source>
        <translation>El partner id de la app en Shopee Open Platform</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="47"/>
        <source>Signs every call; leave empty when the relay keeps it</source>
        <translation>Firma cada llamada; déjela vacía cuando el relay la guarda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="55"/>
        <source>Shopee shop id</source>
        <translation>Shop id de Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="56"/>
        <source>The shop&apos;s id (Shopee is off while it is empty)</source>
        <translation>El id de la tienda (Shopee queda apagado mientras esté vacío)</translation>
    </message>
</context>
</TS>
