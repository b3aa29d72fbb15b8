<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../src/kitchen_app/ui/action_dialog.py" line="78"/>
        <source>Back</source>
        <translation>Voltar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/action_dialog.py" line="125"/>
        <source>Loading the marketplace&apos;s choices…</source>
        <translation>Carregando as opções do marketplace…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/action_dialog.py" line="152"/>
        <source>Could not get the choices from the marketplace (%1).</source>
        <translation>Não foi possível obter as opções do marketplace (%1).</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/action_dialog.py" line="158"/>
        <source>Choose one.</source>
        <translation>Escolha uma.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/action_dialog.py" line="158"/>
        <source>No choices offered.</source>
        <translation>O marketplace não oferece opções.</translation>
    </message>
</context>
<context>
    <name>ActionsBar</name>
    <message>
        <location filename="../../src/kitchen_app/ui/actions_bar.py" line="152"/>
        <source>Accept</source>
        <translation>Aceitar</translation>
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
        <translation type="vanished">Comprovante MP (PDF)</translation>
    </message>
    <message>
        <source>Reprint MP receipt</source>
        <translation type="vanished">Reimprimir comprovante MP</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/actions_bar.py" line="157"/>
        <source>Mark ready</source>
        <translation>Marcar como pronto</translation>
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
        <translation>Ligar som</translation>
    </message>
</context>
<context>
    <name>Attention</name>
    <message>
        <location filename="../../src/kitchen_app/ui/attention.py" line="37"/>
        <source>New order #%1</source>
        <translation>Novo pedido #%1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/attention.py" line="42"/>
        <source>%1 — accept within 5 minutes</source>
        <translation>%1 — aceite em até 5 minutos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/attention.py" line="60"/>
        <source>Orders are waiting</source>
        <translation>Há pedidos esperando</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/attention.py" line="61"/>
        <source>The alert sound is not working: look at the desk.</source>
        <translation>O som de alerta não está funcionando: olhe o balcão.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/attention.py" line="44"/>
        <source>%1 — a new order to prepare</source>
        <translation>%1 — um novo pedido para preparar</translation>
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
        <translation>Por que o pedido #%1 está sendo cancelado?</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="49"/>
        <source>Loading the marketplace&apos;s reasons…</source>
        <translation>Carregando os motivos do marketplace…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="55"/>
        <source>Cancel the order</source>
        <translation>Cancelar o pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="60"/>
        <source>Keep the order</source>
        <translation>Manter o pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="82"/>
        <source>Could not get the reasons from the marketplace (%1). You can still cancel without a reason.</source>
        <translation>Não foi possível obter os motivos do marketplace (%1). Você ainda pode cancelar sem motivo.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="93"/>
        <source>Choose a reason.</source>
        <translation>Escolha um motivo.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cancel_dialog.py" line="95"/>
        <source>The marketplace offers no reasons for this order.</source>
        <translation>O marketplace não oferece motivos para este pedido.</translation>
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
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="59"/>
        <source>Items</source>
        <translation>Itens</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="59"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="77"/>
        <source>Print kitchen ticket (whole cart)</source>
        <translation>Imprimir comanda (carrinho inteiro)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="80"/>
        <source>Print receipt (whole cart)</source>
        <translation>Imprimir recibo (carrinho inteiro)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="88"/>
        <source>One ticket lists every order of the cart. Double-click an order to open it.</source>
        <translation>Um só ticket lista todos os pedidos do carrinho. Clique duas vezes em um pedido para abri-lo.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="117"/>
        <source>Cart #%1</source>
        <translation>Carrinho nº %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="119"/>
        <source>Cart id %1</source>
        <translation>ID do carrinho %1</translation>
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
        <translation>Total do carrinho: %1</translation>
    </message>
</context>
<context>
    <name>Chips</name>
    <message>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceito</translation>
    </message>
    <message>
        <source>Cook now</source>
        <translation>Preparar já</translation>
    </message>
    <message>
        <source>Courier coming</source>
        <translation>Entregador vindo</translation>
    </message>
    <message>
        <source>Courier here</source>
        <translation>Entregador aqui</translation>
    </message>
    <message>
        <source>On its way</source>
        <translation>A caminho</translation>
    </message>
    <message>
        <source>At the door</source>
        <translation>Na porta</translation>
    </message>
    <message>
        <source>Failed delivery</source>
        <translation>Falha na entrega</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregue</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Não entregue</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirado</translation>
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
        <translation>Sem conexão desde %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="101"/>
        <source>Relay rejected the desk token — check Settings</source>
        <translation>O relay recusou o token — confira as Configurações</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="103"/>
        <source>No relay configured</source>
        <translation>Nenhum relay configurado</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="109"/>
        <source>%n action(s) waiting for the marketplace</source>
        <translation>
            <numerusform>%n ação aguardando o marketplace</numerusform>
            <numerusform>%n ações aguardando o marketplace</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="134"/>
        <source>%n unresolved notification(s) — view</source>
        <translation>
            <numerusform>%n notificação sem pedido — ver</numerusform>
            <numerusform>%n notificações sem pedido — ver</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="142"/>
        <source>● Checking…</source>
        <translation>● Verificando…</translation>
    </message>
    <message>
        <source>The desk is still checking the relay, Mercado Pago and the printers.</source>
        <translation type="vanished">O balcão ainda está verificando o relay, o Mercado Pago e as impressoras.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="147"/>
        <source>● All well</source>
        <translation>● Tudo certo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="148"/>
        <source>Relay, marketplace and printers work; no order is held back.</source>
        <translation>Relay, marketplace e impressoras funcionam; nenhum pedido está retido.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="152"/>
        <source>● Check the desk</source>
        <translation>● Verifique o balcão</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="158"/>
        <source>(+%n more)</source>
        <translation>
            <numerusform>(+%n outro)</numerusform>
            <numerusform>(+%n outros)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="175"/>
        <source>%1: not answering</source>
        <translation>%1: sem resposta</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="184"/>
        <source>%1: not tried yet</source>
        <translation>%1: ainda não testado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="187"/>
        <source>%1: answering</source>
        <translation>%1: respondendo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="200"/>
        <source>No events yet</source>
        <translation>Nenhum evento ainda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="204"/>
        <source>Last event %1 s ago</source>
        <translation>Último evento há %1 s</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="206"/>
        <source>Last event at %1</source>
        <translation>Último evento às %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="218"/>
        <source>Printer: not reported yet</source>
        <translation>Impressora: sem status ainda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="224"/>
        <source>Printer %1: %2</source>
        <translation>Impressora %1: %2</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="225"/>
        <source>not ready</source>
        <translation>não está pronta</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="233"/>
        <source>Printer ready: %1</source>
        <translation>Impressora pronta: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="239"/>
        <source>⚠ No sound output: new-order alerts are silent</source>
        <translation>⚠ Sem saída de som: os alertas de novos pedidos estão mudos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="245"/>
        <source>The window and the taskbar flash at every chime instead. Check the speakers, the volume and the computer&apos;s sound settings.</source>
        <translation>Em vez disso, a janela e a barra de tarefas piscam a cada aviso. Verifique as caixas de som, o volume e as configurações de som do computador.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="144"/>
        <source>The desk is still checking the relay, the marketplaces and the printers.</source>
        <translation>O balcão ainda está verificando o relay, os marketplaces e as impressoras.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="77"/>
        <source>DEMO — orders are simulated</source>
        <translation>DEMO — os pedidos são simulados</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="81"/>
        <source>Search order # or name (Ctrl+F)</source>
        <translation>Buscar nº do pedido ou nome (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="86"/>
        <source>Settings</source>
        <translation>Configurações</translation>
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
        <translation>Todos os marketplaces</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="128"/>
        <source>All shops</source>
        <translation>Todas</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/filter_bar.py" line="134"/>
        <source>Show one marketplace&apos;s orders (Ctrl+M)</source>
        <translation>Mostrar os pedidos de um marketplace (Ctrl+M)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="47"/>
        <source>Welcome to Kitchen Desk</source>
        <translation>Bem-vindo ao Kitchen Desk</translation>
    </message>
    <message>
        <source>Orders from Mercado Pago Delivery arrive here, with a sound you cannot miss. How do you want to start?</source>
        <translation type="vanished">Os pedidos do Mercado Pago Delivery chegam aqui, com um som impossível de ignorar. Como você quer começar?</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="57"/>
        <source>Try the demo (simulated orders, nothing real)</source>
        <translation>Experimentar a demo (pedidos simulados, nada real)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="59"/>
        <source>Connect to my store</source>
        <translation>Conectar minha loja</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="93"/>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="116"/>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="125"/>
        <source>Required to connect.</source>
        <translation>Obrigatório para conectar.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="131"/>
        <source>Start the demo</source>
        <translation>Iniciar a demo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="131"/>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/first_run.py" line="51"/>
        <source>Orders from %1 arrive here, with a sound you cannot miss. How do you want to start?</source>
        <translation>Os pedidos de %1 chegam aqui, com um som impossível de ignorar. Como você quer começar?</translation>
    </message>
</context>
<context>
    <name>HealthWords</name>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="41"/>
        <source>%1 is not answering the desk: %2 — check Settings › %1</source>
        <translation>%1 não está respondendo ao balcão: %2 — verifique Configurações › %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="46"/>
        <source>%1 is not answering the desk — check the internet and Settings › %1</source>
        <translation>%1 não está respondendo ao balcão — verifique a internet e Configurações › %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="55"/>
        <source>The relay refused this desk&apos;s token — check Settings</source>
        <translation>O relay recusou o token deste balcão — verifique as Configurações</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="64"/>
        <source>No connection to the relay: new orders may not arrive — check the internet</source>
        <translation>Sem conexão com o relay: pedidos novos podem não chegar — verifique a internet</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="73"/>
        <source>No relay configured: new orders cannot arrive — Settings</source>
        <translation>Nenhum relay configurado: pedidos novos não podem chegar — Configurações</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="81"/>
        <source>%1 paused the store: no new orders — press Reopen store</source>
        <translation>%1 pausou a loja: não chegam pedidos — toque em Reabrir loja</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="85"/>
        <source>%1 disabled the store: only %1 can enable it again</source>
        <translation>%1 desativou a loja: só %1 pode ativá-la de novo</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="98"/>
        <source>%n order(s) expired while the desk was offline — see the list</source>
        <translation>
            <numerusform>%n pedido expirou enquanto o balcão estava sem conexão — veja a lista</numerusform>
            <numerusform>%n pedidos expiraram enquanto o balcão estava sem conexão — veja a lista</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n notification(s) could not be matched to an order — open them and check the Mercado Pago app</source>
        <translation type="vanished">
            <numerusform>%n notificação não pôde ser associada a um pedido — abra e confira no app do Mercado Pago</numerusform>
            <numerusform>%n notificações não puderam ser associadas a um pedido — abra e confira no app do Mercado Pago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="119"/>
        <source>%n order(s) still loading — check the internet</source>
        <translation>
            <numerusform>%n pedido ainda carregando — verifique a internet</numerusform>
            <numerusform>%n pedidos ainda carregando — verifique a internet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) could not be read for a while — the desk keeps trying; check them in the Mercado Pago app</source>
        <translation type="vanished">
            <numerusform>%n pedido não pode ser lido há um tempo — o balcão continua tentando; confira no app do Mercado Pago</numerusform>
            <numerusform>%n pedidos não podem ser lidos há um tempo — o balcão continua tentando; confira no app do Mercado Pago</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="141"/>
        <source>Printer %1: %2 — check it</source>
        <translation>Impressora %1: %2 — verifique</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/health.py" line="143"/>
        <source>not ready</source>
        <translation>não está pronta</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="152"/>
        <source>%n ticket(s) did not print — see the order&apos;s print problems (F9)</source>
        <translation>
            <numerusform>%n cupom não foi impresso — veja os problemas de impressão do pedido (F9)</numerusform>
            <numerusform>%n cupons não foram impressos — veja os problemas de impressão do pedido (F9)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="107"/>
        <source>%n notification(s) could not be matched to an order — open them and check the marketplace&apos;s app</source>
        <translation>
            <numerusform>%n notificação não pôde ser associada a um pedido — abra e confira o app do marketplace</numerusform>
            <numerusform>%n notificações não puderam ser associadas a um pedido — abra e confira o app do marketplace</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="129"/>
        <source>%n order(s) could not be read for a while — the desk keeps trying; check them in the marketplace&apos;s app</source>
        <translation>
            <numerusform>%n pedido não pôde ser lido há algum tempo — o balcão continua tentando; confira no app do marketplace</numerusform>
            <numerusform>%n pedidos não puderam ser lidos há algum tempo — o balcão continua tentando; confira no app do marketplace</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Being created</source>
        <translation>Em criação</translation>
    </message>
    <message>
        <source>Waiting for payment</source>
        <translation>Aguardando pagamento</translation>
    </message>
    <message>
        <source>New — accept or cancel</source>
        <translation>Novo — aceite ou cancele</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceito</translation>
    </message>
    <message>
        <source>Start cooking</source>
        <translation>Começar o preparo</translation>
    </message>
    <message>
        <source>Courier on the way</source>
        <translation>Entregador a caminho</translation>
    </message>
    <message>
        <source>Courier at the counter</source>
        <translation>Entregador no balcão</translation>
    </message>
    <message>
        <source>Out for delivery</source>
        <translation>Saiu para entrega</translation>
    </message>
    <message>
        <source>At the customer&apos;s door</source>
        <translation>Na porta do cliente</translation>
    </message>
    <message>
        <source>Delivery failed</source>
        <translation>Falha na entrega</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregue</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Não entregue</translation>
    </message>
    <message>
        <source>Cancelled by the store</source>
        <translation>Cancelado pela loja</translation>
    </message>
    <message>
        <source>Cancelled: not accepted in time</source>
        <translation>Cancelado: não aceito a tempo</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Mercado Pago wallet</source>
        <translation>Saldo Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="80"/>
        <source>Credit card</source>
        <translation>Cartão de crédito</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="81"/>
        <source>Debit card</source>
        <translation>Cartão de débito</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="82"/>
        <source>Cash</source>
        <translation>Dinheiro</translation>
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
        <translation>Retirada</translation>
    </message>
    <message>
        <source>Own shipping</source>
        <translation>Envio próprio</translation>
    </message>
    <message>
        <source>Mercado Envíos</source>
        <translation>Mercado Envios</translation>
    </message>
    <message>
        <source>Shopee shipping</source>
        <translation>Envio Shopee</translation>
    </message>
    <message>
        <source>Mercado Pago</source>
        <translation>Mercado Pago</translation>
    </message>
    <message>
        <source>Mercado Libre</source>
        <translation>Mercado Livre</translation>
    </message>
    <message>
        <source>Shopee</source>
        <translation>Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="87"/>
        <source>Accept</source>
        <translation>Aceitar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="88"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="89"/>
        <source>Mark ready</source>
        <translation>Marcar como pronto</translation>
    </message>
    <message>
        <source>Mercado Pago receipt</source>
        <translation>Comprovante do Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="90"/>
        <source>Kitchen ticket</source>
        <translation>Comanda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="91"/>
        <source>Customer receipt</source>
        <translation>Recibo do cliente</translation>
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
        <translation>pendente — vai tentar de novo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="99"/>
        <source>confirmed</source>
        <translation>confirmado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="100"/>
        <source>failed</source>
        <translation>falhou</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="101"/>
        <source>queued</source>
        <translation>na fila</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="102"/>
        <source>printing</source>
        <translation>imprimindo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="103"/>
        <source>printed</source>
        <translation>impresso</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="104"/>
        <source>maybe printed — check the printer</source>
        <translation>talvez impresso — confira a impressora</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="92"/>
        <source>The marketplace&apos;s document</source>
        <translation>O documento do marketplace</translation>
    </message>
    <message>
        <source>the marketplaces</source>
        <translation>os marketplaces</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 e %2</translation>
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
        <translation>Vincular de novo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="85"/>
        <source>Link expired: link again</source>
        <translation>Vínculo expirado: vincule de novo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="87"/>
        <source>Not linked</source>
        <translation>Não vinculado</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="36"/>
        <source>Asking the relay to link %1…</source>
        <translation>Pedindo ao relay para vincular %1…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="41"/>
        <source>Could not link %1: %2</source>
        <translation>Não foi possível vincular %1: %2</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="46"/>
        <source>Finish linking %1 in the browser, then come back here.</source>
        <translation>Termine de vincular %1 no navegador e volte aqui.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="50"/>
        <source>Could not open the browser for %1</source>
        <translation>Não foi possível abrir o navegador para %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="813"/>
        <source>%1 for order #%2?</source>
        <translation>%1 para o pedido #%2?</translation>
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
        <translation>Não foi possível registrar: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="446"/>
        <source>Asking the marketplace to reopen the store…</source>
        <translation>Pedindo ao marketplace para reabrir a loja…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="452"/>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="465"/>
        <source>The store was not reopened: %1</source>
        <translation>A loja não foi reaberta: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="457"/>
        <source>The store is open again: new orders can arrive.</source>
        <translation>A loja está aberta de novo: pedidos novos podem chegar.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="460"/>
        <source>Reopen store: the marketplace cannot be reached; still trying.</source>
        <translation>Reabrir loja: não foi possível falar com o marketplace; continuamos tentando.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="466"/>
        <source>refused</source>
        <translation>recusado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="579"/>
        <source>The relay rejected this desk&apos;s token: new orders are NOT arriving. Open Settings and check the desk token.</source>
        <translation>O relay recusou o token deste balcão: novos pedidos NÃO estão chegando. Abra as Configurações e confira o token.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="584"/>
        <source>Offline since %1: new orders may not arrive. Today&apos;s orders, tickets and reprints still work; accept and cancel wait until the connection is back.</source>
        <translation>Sem conexão desde %1: novos pedidos podem não chegar. Os pedidos de hoje, as comandas e as reimpressões continuam funcionando; aceitar e cancelar aguardam a conexão voltar.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="864"/>
        <source>Something went wrong (%1); details are in the log.</source>
        <translation>Algo deu errado (%1); os detalhes estão no registro.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/main_window.py" line="900"/>
        <source>%n new order(s) waiting</source>
        <translation>
            <numerusform>%n novo pedido aguardando</numerusform>
            <numerusform>%n novos pedidos aguardando</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="901"/>
        <source>accept within %1</source>
        <translation>aceite em %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/main_window.py" line="903"/>
        <source>%n order(s) expired while the desk was offline</source>
        <translation>
            <numerusform>%n pedido expirou enquanto o balcão estava sem conexão</numerusform>
            <numerusform>%n pedidos expiraram enquanto o balcão estava sem conexão</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/main_window.py" line="906"/>
        <source>%n notification(s) could not be matched to an order — see the status bar</source>
        <translation>
            <numerusform>%n notificação não pôde ser associada a um pedido — veja a barra de status</numerusform>
            <numerusform>%n notificações não puderam ser associadas a um pedido — veja a barra de status</numerusform>
        </translation>
    </message>
    <message>
        <source>Order #%1 expired without being accepted. One more automatic cancellation will PAUSE the store on Mercado Pago.</source>
        <translation type="vanished">O pedido #%1 expirou sem ser aceito. Mais um cancelamento automático vai PAUSAR a loja no Mercado Pago.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="960"/>
        <source>Orders are waiting</source>
        <translation>Há pedidos esperando</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) are waiting to be accepted. If the desk closes, nobody hears the alert and Mercado Pago cancels them after 5 minutes.</source>
        <translation type="vanished">
            <numerusform>%n pedido está esperando ser aceito. Se o balcão fechar, ninguém ouve o alerta e o Mercado Pago o cancela depois de 5 minutos.</numerusform>
            <numerusform>%n pedidos estão esperando ser aceitos. Se o balcão fechar, ninguém ouve o alerta e o Mercado Pago os cancela depois de 5 minutos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="971"/>
        <source>Keep the desk open</source>
        <translation>Manter o balcão aberto</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="972"/>
        <source>Minimise</source>
        <translation>Minimizar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="973"/>
        <source>Close anyway</source>
        <translation>Fechar mesmo assim</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="208"/>
        <source>Copy order id</source>
        <translation>Copiar ID do pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="673"/>
        <source>cart %1</source>
        <translation>carrinho %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="684"/>
        <source>Copied %1</source>
        <translation>Copiado: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/main_window.py" line="922"/>
        <source>Order #%1 expired without being accepted. One more automatic cancellation will PAUSE the store on %2.</source>
        <translation>O pedido nº %1 expirou sem ser aceito. Mais um cancelamento automático vai PAUSAR a loja no %2.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/main_window.py" line="962"/>
        <source>%n order(s) are waiting to be accepted. If the desk closes, nobody hears the alert and the marketplace cancels them when their time runs out.</source>
        <translation>
            <numerusform>%n pedido aguarda ser aceito. Se o balcão fechar, ninguém ouve o alerta e o marketplace o cancela quando o tempo acabar.</numerusform>
            <numerusform>%n pedidos aguardam ser aceitos. Se o balcão fechar, ninguém ouve o alerta e o marketplace os cancela quando o tempo acabar.</numerusform>
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
            <numerusform>e mais %n</numerusform>
            <numerusform>e mais %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>While the desk was offline, %n order(s) arrived and expired unaccepted: %1. Check them in the Mercado Pago app.</source>
        <translation type="vanished">
            <numerusform>Enquanto o balcão estava sem conexão, %n pedido chegou e expirou sem ser aceito: %1. Confira no app do Mercado Pago.</numerusform>
            <numerusform>Enquanto o balcão estava sem conexão, %n pedidos chegaram e expiraram sem ser aceitos: %1. Confira no app do Mercado Pago.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/notices.py" line="163"/>
        <source>While the desk was offline, %n order(s) arrived and expired unaccepted: %1. Check them in the marketplace&apos;s app.</source>
        <translation>
            <numerusform>Enquanto o balcão estava offline, %n pedido chegou e expirou sem ser aceito: %1. Confira no app do marketplace.</numerusform>
            <numerusform>Enquanto o balcão estava offline, %n pedidos chegaram e expiraram sem ser aceitos: %1. Confira no app do marketplace.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderActions</name>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="74"/>
        <source>#%1: could not queue %2: %3</source>
        <translation>#%1: não foi possível enfileirar %2: %3</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="78"/>
        <source>#%1: %2 reprint sent to the printer</source>
        <translation>#%1: reimpressão de %2 enviada à impressora</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="80"/>
        <source>#%1: %2 sent to the printer</source>
        <translation>#%1: %2 enviado à impressora</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="108"/>
        <source>#%1: %2 not printed again: %3</source>
        <translation>#%1: não foi possível imprimir de novo (%2): %3</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="111"/>
        <source>#%1: %2 sent again, to %3</source>
        <translation>#%1: %2 — foi de novo, para %3</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="114"/>
        <source>#%1: %2 sent to the printer again</source>
        <translation>#%1: %2 — foi para a impressora de novo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="127"/>
        <source>#%1: %2 not marked as printed: %3</source>
        <translation>#%1: não foi possível marcar como impresso (%2): %3</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="130"/>
        <source>#%1: %2 marked as printed</source>
        <translation>#%1: %2 — anotado: imprimiu</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="150"/>
        <source>#%1: %2 failed: %3</source>
        <translation>#%1: %2 falhou: %3</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="153"/>
        <source>#%1: %2 confirmed by the marketplace</source>
        <translation>#%1: %2 confirmado pelo marketplace</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="156"/>
        <source>#%1: %2 is pending — the marketplace is not reachable; retrying</source>
        <translation>#%1: %2 pendente — o marketplace está inacessível; tentando de novo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="159"/>
        <source>#%1: %2 refused: %3</source>
        <translation>#%1: %2 recusado: %3</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_actions.py" line="160"/>
        <source>no reason given</source>
        <translation>sem motivo informado</translation>
    </message>
</context>
<context>
    <name>OrderDetail</name>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="100"/>
        <source>Timeline</source>
        <translation>Linha do tempo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="104"/>
        <source>Select an order to see it here.</source>
        <translation>Selecione um pedido para vê-lo aqui.</translation>
    </message>
    <message>
        <source>New order #%1 — details loading.

Mercado Pago announced it at %2 and its 5 minutes are running; the desk keeps trying to read it (attempt %3).</source>
        <translation type="vanished">Pedido novo #%1 — carregando detalhes.

O Mercado Pago o anunciou às %2 e os 5 minutos estão correndo; o balcão continua tentando lê-lo (tentativa %3).</translation>
    </message>
    <message>
        <source>It could not be read for a while: check it in the Mercado Pago app.</source>
        <translation type="vanished">Não pode ser lido há um tempo: confira no app do Mercado Pago.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="200"/>
        <source>received %1</source>
        <translation>recebido às %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="210"/>
        <source>Flex QR — the courier scans it</source>
        <translation>QR Flex — o entregador escaneia</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="225"/>
        <source>Note</source>
        <translation>Obs.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="226"/>
        <source>Order note</source>
        <translation>Obs. do pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="259"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="262"/>
        <source>prepaid</source>
        <translation>pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="262"/>
        <source>to collect</source>
        <translation>a receber</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="169"/>
        <source>New order #%1 — details loading.

%4 announced it at %2 and its time to answer is running; the desk keeps trying to read it (attempt %3).</source>
        <translation>Novo pedido nº %1 — carregando detalhes.

%4 o anunciou às %2 e o tempo para responder está correndo; o balcão continua tentando lê-lo (tentativa %3).</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_detail.py" line="177"/>
        <source>It could not be read for a while: check it in the %1 app.</source>
        <translation>Não foi possível lê-lo há algum tempo: confira no app do %1.</translation>
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
        <translation>Tempo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="226"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="227"/>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="228"/>
        <source>Items</source>
        <translation>Itens</translation>
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
        <translation>Recebido</translation>
    </message>
    <message>
        <source>Mercado Pago announced this order but its details could not be read yet (attempt %1). Its 5 minutes are running: the desk keeps trying.</source>
        <translation type="vanished">O Mercado Pago anunciou este pedido, mas os detalhes ainda não puderam ser lidos (tentativa %1). Os 5 minutos estão correndo: o balcão continua tentando.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="452"/>
        <source>Last error: %1</source>
        <translation>Último erro: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="470"/>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="473"/>
        <source>Still trying…</source>
        <translation>Tentando de novo…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="474"/>
        <source>Details loading</source>
        <translation>Carregando detalhes</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="446"/>
        <source>New order #%1 — details loading</source>
        <translation>Pedido novo #%1 — carregando detalhes</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="359"/>
        <source>#%1 · order id %2</source>
        <translation>#%1 · ID do pedido %2</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="361"/>
        <source>Ctrl+C copies the order id</source>
        <translation>Ctrl+C copia o ID do pedido</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="401"/>
        <source>Cart #%1: %n order(s) bought together</source>
        <translation>
            <numerusform>Carrinho nº %1: %n pedido comprado junto</numerusform>
            <numerusform>Carrinho nº %1: %n pedidos comprados juntos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="405"/>
        <source>Ctrl+C copies the cart id</source>
        <translation>Ctrl+C copia o ID do carrinho</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/order_columns.py" line="71"/>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="427"/>
        <source>Cart ×%1</source>
        <translation>Carrinho ×%1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="448"/>
        <source>%1 announced this order but its details could not be read yet (attempt %2). Its time to answer is running: the desk keeps trying.</source>
        <translation>%1 anunciou este pedido, mas os detalhes ainda não puderam ser lidos (tentativa %2). O tempo para responder está correndo: o balcão continua tentando.</translation>
    </message>
</context>
<context>
    <name>PrintProblemsPanel</name>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="177"/>
        <source>%1 (reprint)</source>
        <translation>%1 (reimpressão)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="179"/>
        <source>%1, copy %2</source>
        <translation>%1, cópia %2</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="190"/>
        <source>%1 went to “%2” but it never confirmed. Did it print? (F9)</source>
        <translation>%1: foi para “%2”, mas a impressora não confirmou. Imprimiu? (F9)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="192"/>
        <source>%1 did not print on “%2”. (F9)</source>
        <translation>%1: não saiu em “%2”. (F9)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="208"/>
        <source>Yes, it printed</source>
        <translation>Sim, imprimiu</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="210"/>
        <source>No, print again</source>
        <translation>Não, imprimir de novo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="211"/>
        <source>Prints it once more, marked as a reprint</source>
        <translation>Imprime mais uma vez, marcado como reimpressão</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="215"/>
        <source>Retry</source>
        <translation>Tentar de novo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="217"/>
        <source>Retry on another printer…</source>
        <translation>Tentar em outra impressora…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/print_problems.py" line="229"/>
        <source>No other printer is set up (Settings → Printers)</source>
        <translation>Nenhuma outra impressora configurada (Configurações → Impressoras)</translation>
    </message>
</context>
<context>
    <name>PrinterForm</name>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="64"/>
        <source>Add printer</source>
        <translation>Adicionar impressora</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="66"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="68"/>
        <source>Print calibration ticket</source>
        <translation>Imprimir ticket de calibração</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="71"/>
        <source>Prints ç ã é ñ € in each code page: keep the one that reads right.</source>
        <translation>Imprime ç ã é ñ € em cada página de código: fique com a que sair certa.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="81"/>
        <source>Network (IP:port)</source>
        <translation>Rede (IP:porta)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="82"/>
        <source>USB (vendor:product)</source>
        <translation>USB (fabricante:produto)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="83"/>
        <source>Serial port</source>
        <translation>Porta serial</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="84"/>
        <source>File / device path</source>
        <translation>Arquivo / dispositivo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="85"/>
        <source>System print queue (PDF)</source>
        <translation>Fila de impressão do sistema (PDF)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="112"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="113"/>
        <source>Connection</source>
        <translation>Conexão</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="114"/>
        <source>Address</source>
        <translation>Endereço</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="115"/>
        <source>Paper width</source>
        <translation>Largura do papel</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="116"/>
        <source>Code page</source>
        <translation>Página de código</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="117"/>
        <source>Kitchen ticket copies</source>
        <translation>Cópias da comanda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="118"/>
        <source>Receipt copies</source>
        <translation>Cópias do recibo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/printer_form.py" line="162"/>
        <source>Printer %1</source>
        <translation>Impressora %1</translation>
    </message>
</context>
<context>
    <name>RelinkBanner</name>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="123"/>
        <source>%1 link expired — relink</source>
        <translation>O vínculo com %1 expirou — vincule de novo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="127"/>
        <source>Relink</source>
        <translation>Vincular de novo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/links.py" line="129"/>
        <source>Relink %1</source>
        <translation>Vincular %1 de novo</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="38"/>
        <source>Relay address</source>
        <translation>Endereço do relay</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="39"/>
        <source>Desk token</source>
        <translation>Token do balcão</translation>
    </message>
    <message>
        <source>Mercado Pago API address</source>
        <translation>Endereço da API do Mercado Pago</translation>
    </message>
    <message>
        <source>Mercado Pago access token</source>
        <translation>Access token do Mercado Pago</translation>
    </message>
    <message>
        <source>Mercado Pago user id</source>
        <translation>ID de usuário do Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="40"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="41"/>
        <source>Time zone</source>
        <translation>Fuso horário</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="42"/>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="43"/>
        <source>Alert sound</source>
        <translation>Som de alerta</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="44"/>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="45"/>
        <source>Accept automatically</source>
        <translation>Aceitar automaticamente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="46"/>
        <source>Print when accepted</source>
        <translation>Imprimir ao aceitar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="47"/>
        <source>Kitchen ticket copies</source>
        <translation>Cópias da comanda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="48"/>
        <source>Receipt copies</source>
        <translation>Cópias do recibo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="49"/>
        <source>Printers</source>
        <translation>Impressoras</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="50"/>
        <source>Default printer</source>
        <translation>Impressora padrão</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="51"/>
        <source>Re-check interval</source>
        <translation>Intervalo de verificação</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="52"/>
        <source>Demo</source>
        <translation>Demonstração</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="65"/>
        <source>must be one line</source>
        <translation>deve ter uma só linha</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="66"/>
        <source>must be text</source>
        <translation>deve ser texto</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="67"/>
        <source>must be a web address</source>
        <translation>deve ser um endereço web</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="68"/>
        <source>must be yes or no</source>
        <translation>deve ser sim ou não</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="69"/>
        <source>must be a whole number</source>
        <translation>deve ser um número inteiro</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="70"/>
        <source>two printers have the same name</source>
        <translation>duas impressoras têm o mesmo nome</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="73"/>
        <source>not a web address (http:// or https://): %1</source>
        <translation>não é um endereço web (http:// ou https://): %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/setting_labels.py" line="77"/>
        <source>must be between %1</source>
        <translation>deve estar entre %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="79"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="94"/>
        <source>Connection</source>
        <translation>Conexão</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="100"/>
        <source>Printers</source>
        <translation>Impressoras</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="101"/>
        <source>Sound</source>
        <translation>Som</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="102"/>
        <source>General</source>
        <translation>Geral</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="112"/>
        <source>Save</source>
        <translation>Salvar</translation>
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
        <translation>Informe o endereço do relay e o token do balcão, salve e depois vincule</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="190"/>
        <source>Link state unknown: %1</source>
        <translation>Estado do vínculo desconhecido: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="198"/>
        <source>The relay cannot link this marketplace</source>
        <translation>O relay não consegue vincular este marketplace</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="236"/>
        <source>Play a sound for new orders</source>
        <translation>Tocar um som para novos pedidos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="243"/>
        <source>Test sound</source>
        <translation>Testar som</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="250"/>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="252"/>
        <source>The alert gets louder and faster as an order&apos;s 5-minute limit nears.</source>
        <translation>O alerta fica mais alto e mais frequente conforme o limite de 5 minutos do pedido se aproxima.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="264"/>
        <source>System language</source>
        <translation>Idioma do sistema</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="266"/>
        <source>Language (after restart)</source>
        <translation>Idioma (após reiniciar)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="267"/>
        <source>Accept new orders automatically</source>
        <translation>Aceitar novos pedidos automaticamente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="270"/>
        <source>Print tickets when an order is accepted</source>
        <translation>Imprimir ao aceitar um pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="335"/>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="351"/>
        <source>Not saved: %1</source>
        <translation>Não salvo: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="358"/>
        <source>Printing a calibration ticket on %1…</source>
        <translation>Imprimindo um ticket de calibração em %1…</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="362"/>
        <source>Calibration failed: %1</source>
        <translation>A calibração falhou: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/settings_dialog.py" line="366"/>
        <source>Calibration ticket sent to %1. Keep the code page whose line reads right.</source>
        <translation>Ticket de calibração enviado para %1. Fique com a página de código cuja linha sair certa.</translation>
    </message>
</context>
<context>
    <name>Stages</name>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="71"/>
        <source>New</source>
        <translation>Novos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="72"/>
        <source>Preparing</source>
        <translation>Em preparo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="73"/>
        <source>On the way</source>
        <translation>A caminho</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/labels.py" line="74"/>
        <source>Done</source>
        <translation>Concluídos</translation>
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
        <translation>dois pedidos expiraram sem ser aceitos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="68"/>
        <location filename="../../src/kitchen_app/ui/notices.py" line="105"/>
        <location filename="../../src/kitchen_app/ui/notices.py" line="113"/>
        <source>Reopen store</source>
        <translation>Reabrir loja</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="85"/>
        <source>%1 PAUSED this store: no new orders arrive.</source>
        <translation>%1 PAUSOU esta loja: não chegam pedidos novos.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="88"/>
        <source>%1 DISABLED this store: no new orders arrive, and only %1 can enable it again.</source>
        <translation>%1 DESATIVOU esta loja: não chegam pedidos novos, e só %1 pode ativá-la de novo.</translation>
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
            <numerusform>(mais %n loja sem receber pedidos)</numerusform>
            <numerusform>(mais %n lojas sem receber pedidos)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="107"/>
        <source>Ask %1 to take orders again in this store? Make sure the kitchen can accept orders within 5 minutes: two more expired orders pause it again.</source>
        <translation>Pedir ao %1 que esta loja volte a receber pedidos? Garanta que a cozinha consiga aceitar pedidos em até 5 minutos: mais dois pedidos expirados a pausam de novo.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="114"/>
        <source>Not now</source>
        <translation>Agora não</translation>
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
        <translation>O que aconteceu</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/timeline.py" line="118"/>
        <source>We learnt it</source>
        <translation>Ficamos sabendo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/timeline.py" line="126"/>
        <source>Print: %1</source>
        <translation>Impressão: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/timeline.py" line="128"/>
        <source>%1 (reprint)</source>
        <translation>%1 (reimpressão)</translation>
    </message>
</context>
<context>
    <name>UnresolvedDialog</name>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="191"/>
        <source>Notifications without an order</source>
        <translation>Notificações sem pedido</translation>
    </message>
    <message>
        <source>The marketplace sent these notifications, but the desk could not tell which order they are about. An order may be waiting: look for it in the Mercado Pago app. Dismiss a notification once it is handled.</source>
        <translation type="vanished">O marketplace enviou estas notificações, mas o balcão não conseguiu saber de qual pedido são. Pode haver um pedido esperando: procure no app do Mercado Pago. Descarte cada notificação depois de resolvê-la.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="215"/>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="250"/>
        <source>Nothing left to check.</source>
        <translation>Nada mais para conferir.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="273"/>
        <source>Not dismissed: %1</source>
        <translation>Não descartada: %1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/ui/notices.py" line="198"/>
        <source>The marketplace sent these notifications, but the desk could not tell which order they are about. An order may be waiting: look for it in the marketplace&apos;s app (each notification names its marketplace). Dismiss a notification once it is handled.</source>
        <translation>O marketplace enviou estas notificações, mas o balcão não conseguiu saber a qual pedido se referem. Pode haver um pedido aguardando: procure-o no app do marketplace (cada notificação indica seu marketplace). Descarte uma notificação quando estiver resolvida.</translation>
    </message>
</context>
<context>
    <name>custody</name>
    <message>
        <location filename="../../src/kitchen_app/channels/custody.py" line="27"/>
        <source>Access token from</source>
        <translation>Origem do token de acesso</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/custody.py" line="28"/>
        <source>Automatic: the relay when the store is linked there, else the pasted token</source>
        <translation>Automático: o relay quando a loja está vinculada nele, senão o token colado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/custody.py" line="32"/>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/custody.py" line="33"/>
        <source>The relay (linked store)</source>
        <translation>O relay (loja vinculada)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/custody.py" line="34"/>
        <source>The token pasted here</source>
        <translation>O token colado aqui</translation>
    </message>
</context>
<context>
    <name>mercadolibre</name>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="14"/>
        <source>No shipment yet: arrange delivery with the buyer, or wait for Mercado Libre to create it</source>
        <translation>Ainda sem envio: combine a entrega com o comprador, ou aguarde o Mercado Livre criá-lo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="20"/>
        <source>Mercado Libre</source>
        <translation>Mercado Livre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="24"/>
        <source>Confirmed, not paid yet</source>
        <translation>Confirmado, ainda não pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="25"/>
        <source>Waiting for payment</source>
        <translation>Aguardando pagamento</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="26"/>
        <source>Payment in process</source>
        <translation>Pagamento em processamento</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="27"/>
        <source>Partially paid</source>
        <translation>Pago parcialmente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="28"/>
        <source>Paid — prepare it</source>
        <translation>Pago — prepare o pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="29"/>
        <source>Partially refunded</source>
        <translation>Reembolsado parcialmente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="30"/>
        <source>Being cancelled</source>
        <translation>Sendo cancelado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="31"/>
        <source>Cancelled by Mercado Libre</source>
        <translation>Cancelado pelo Mercado Livre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="32"/>
        <source>Invalid</source>
        <translation>Inválido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="33"/>
        <source>Shipment pending</source>
        <translation>Envio pendente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="34"/>
        <source>Shipment being prepared</source>
        <translation>Envio em preparação</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="35"/>
        <source>Ready to ship</source>
        <translation>Pronto para enviar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="36"/>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="48"/>
        <source>Shipped</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="37"/>
        <source>Out for delivery</source>
        <translation>Saiu para entrega</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="38"/>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="49"/>
        <source>Delivered</source>
        <translation>Entregue</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="39"/>
        <source>Not delivered — returning to us</source>
        <translation>Não entregue — retornando para nós</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="42"/>
        <source>Not delivered</source>
        <translation>Não entregue</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="45"/>
        <source>Paid</source>
        <translation>Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="46"/>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="47"/>
        <source>To ship</source>
        <translation>A enviar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="50"/>
        <source>Returned</source>
        <translation>Devolvido</translation>
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
        <translation>Próprio</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="56"/>
        <source>To define</source>
        <translation>A definir</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="57"/>
        <source>Arrange</source>
        <translation>A combinar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/display.py" line="60"/>
        <source>Mercado Pago balance</source>
        <translation>Saldo no Mercado Pago</translation>
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
        <translation>Sem estoque</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="89"/>
        <source>Buyer did not have the money</source>
        <translation>O comprador não tinha o dinheiro</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="91"/>
        <source>Buyer changed their mind</source>
        <translation>O comprador desistiu</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="92"/>
        <source>We changed our mind</source>
        <translation>Nós desistimos</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="93"/>
        <source>Buyer did not answer</source>
        <translation>O comprador não respondeu</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="96"/>
        <source>Buyer did not follow the policies</source>
        <translation>O comprador não respeitou as políticas</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="99"/>
        <source>Other (our responsibility)</source>
        <translation>Outro (responsabilidade nossa)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="103"/>
        <source>Other (the buyer&apos;s responsibility)</source>
        <translation>Outro (responsabilidade do comprador)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="105"/>
        <source>Dubious buyer</source>
        <translation>Comprador duvidoso</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="106"/>
        <source>We are on holiday</source>
        <translation>Estamos de férias</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="109"/>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="110"/>
        <source>No</source>
        <translation>Não</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="115"/>
        <source>Comment</source>
        <translation>Comentário</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="122"/>
        <source>Set tracking number</source>
        <translation>Informar código de rastreio</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="127"/>
        <source>Tracking number</source>
        <translation>Código de rastreio</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="133"/>
        <source>Mark shipped</source>
        <translation>Marcar como enviado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="137"/>
        <source>Not delivered (returning to us)</source>
        <translation>Não entregue (retornando para nós)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="140"/>
        <source>This is final: Mercado Libre starts the return and refund. It cannot be undone.</source>
        <translation>É definitivo: o Mercado Livre inicia a devolução e o reembolso. Não pode ser desfeito.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="147"/>
        <source>Mark delivered</source>
        <translation>Marcar como entregue</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="150"/>
        <source>This is final and cannot be undone.</source>
        <translation>É definitivo e não pode ser desfeito.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="154"/>
        <source>Set available stock</source>
        <translation>Informar estoque disponível</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="156"/>
        <source>Item</source>
        <translation>Produto</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="160"/>
        <source>Available quantity</source>
        <translation>Quantidade disponível</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="170"/>
        <source>Sale feedback</source>
        <translation>Avaliar a venda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="175"/>
        <source>Was the sale fulfilled?</source>
        <translation>A venda foi concretizada?</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="181"/>
        <source>Rating</source>
        <translation>Avaliação</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="183"/>
        <source>Positive</source>
        <translation>Positiva</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="184"/>
        <source>Neutral</source>
        <translation>Neutra</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="185"/>
        <source>Negative</source>
        <translation>Negativa</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="191"/>
        <source>Message to the buyer</source>
        <translation>Mensagem para o comprador</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="197"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="205"/>
        <source>Put the items back in stock?</source>
        <translation>Devolver os produtos ao estoque?</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/flows.py" line="212"/>
        <source>Feedback can be given once per sale.</source>
        <translation>Cada venda só pode ser avaliada uma vez.</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="23"/>
        <source>Mercado Libre API address</source>
        <translation>Endereço da API do Mercado Livre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="24"/>
        <source>Mercado Libre API</source>
        <translation>API do Mercado Livre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="30"/>
        <source>Mercado Libre access token</source>
        <translation>Token de acesso do Mercado Livre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="31"/>
        <source>Lasts 6 hours; leave empty when the relay hands out the store&apos;s token</source>
        <translation>Dura 6 horas; deixe vazio quando o relay fornece o token da loja</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="40"/>
        <source>Mercado Libre seller id</source>
        <translation>ID de vendedor do Mercado Livre</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="41"/>
        <source>The seller&apos;s user id (lists its recent orders)</source>
        <translation>O ID de usuário do vendedor (lista as vendas recentes)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="48"/>
        <source>ME1 shipment updates</source>
        <translation>Atualizações de envios ME1</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadolibre/settings.py" line="49"/>
        <source>Which Mercado Libre API reports ME1 shipments</source>
        <translation>Qual API do Mercado Livre informa os envios ME1</translation>
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
        <translation>Endereço da API do Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/settings.py" line="19"/>
        <source>Mercado Pago API</source>
        <translation>API do Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/settings.py" line="25"/>
        <source>Mercado Pago access token</source>
        <translation>Access token do Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/settings.py" line="26"/>
        <source>The store&apos;s Mercado Pago token</source>
        <translation>O token do Mercado Pago da loja</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/settings.py" line="37"/>
        <source>Mercado Pago user id</source>
        <translation>ID de usuário do Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/settings.py" line="38"/>
        <source>The store&apos;s Mercado Pago user id (finds its stores)</source>
        <translation>O ID de usuário do Mercado Pago da loja (encontra suas lojas)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/plugin.py" line="62"/>
        <source>Accept</source>
        <translation>Aceitar</translation>
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
        <translation>Comprovante do Mercado Pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/mercadopago/plugin.py" line="83"/>
        <source>Mark ready</source>
        <translation>Marcar como pronto</translation>
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
        <translation>Aguardando pagamento</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="25"/>
        <source>Pending at Shopee</source>
        <translation>Pendente na Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="26"/>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="27"/>
        <source>Waiting for the invoice</source>
        <translation>Aguardando a nota fiscal</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="28"/>
        <source>Paid — prepare and arrange shipment</source>
        <translation>Pago — prepare e organize o envio</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="29"/>
        <source>Shipment arranged</source>
        <translation>Envio organizado</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="30"/>
        <source>Pickup failed — arrange again</source>
        <translation>Coleta falhou — organize de novo</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="31"/>
        <source>With the carrier</source>
        <translation>Com a transportadora</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="32"/>
        <source>Delivered — waiting for the buyer</source>
        <translation>Entregue — aguardando o comprador</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="33"/>
        <source>Buyer asks to cancel — answer</source>
        <translation>Comprador pede cancelamento — responda</translation>
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
        <translation>Devolução solicitada</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="36"/>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="51"/>
        <source>Completed</source>
        <translation>Concluído</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="39"/>
        <source>Unpaid</source>
        <translation>Não pago</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="40"/>
        <source>Pending</source>
        <translation>Pendente</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="41"/>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="42"/>
        <source>Invoice</source>
        <translation>Nota fiscal</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="43"/>
        <source>To ship</source>
        <translation>A enviar</translation>
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
        <translation>Entregue</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="48"/>
        <source>Cancel asked</source>
        <translation>Cancelamento pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="50"/>
        <source>Return</source>
        <translation>Devolução</translation>
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
        <translation>Cartão de crédito</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/display.py" line="60"/>
        <source>ShopeePay</source>
        <translation>ShopeePay</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="46"/>
        <source>Shopee partner key</source>
        <translation>Partner key da Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="99"/>
        <source>Out of stock</source>
        <translation>Sem estoque</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="100"/>
        <source>The buyer asked to cancel</source>
        <translation>O comprador pediu para cancelar</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="101"/>
        <source>Address outside our delivery area</source>
        <translation>Endereço fora da nossa área de entrega</translation>
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
        <translation>Itens sem estoque</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="125"/>
        <source>Answer the buyer&apos;s cancellation</source>
        <translation>Responder ao cancelamento do comprador</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="130"/>
        <source>Answer</source>
        <translation>Resposta</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="132"/>
        <source>Accept: cancel the order</source>
        <translation>Aceitar: cancelar o pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="133"/>
        <source>Reject: keep the order</source>
        <translation>Recusar: manter o pedido</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="143"/>
        <source>Pickup or drop-off</source>
        <translation>Coleta ou postagem</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="149"/>
        <source>Tracking number</source>
        <translation>Código de rastreio</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="157"/>
        <source>Sender&apos;s full name (drop-off)</source>
        <translation>Nome completo do remetente (postagem)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="164"/>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="169"/>
        <source>Arrange shipment</source>
        <translation>Organizar envio</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="171"/>
        <source>Paid less than an hour ago: Shopee advises waiting an hour (until then the buyer can cancel alone).</source>
        <translation>Pago há menos de uma hora: a Shopee recomenda esperar uma hora (até lá o comprador pode cancelar sozinho).</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="497"/>
        <source>Drop off at any carrier branch</source>
        <translation>Postar em qualquer agência da transportadora</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/plugin.py" line="503"/>
        <source>Own carrier (type its tracking number)</source>
        <translation>Transportadora própria (digite o código de rastreio)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="24"/>
        <source>Shopee API address</source>
        <translation>Endereço da API da Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="25"/>
        <source>Shopee Open Platform (Brazil: openplatform.shopee.com.br)</source>
        <translation>Shopee Open Platform (Brasil: openplatform.shopee.com.br)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="31"/>
        <source>Shopee access token</source>
        <translation>Token de acesso da Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="32"/>
        <source>The shop&apos;s access token (lasts 4 hours)</source>
        <translation>O token de acesso da loja (dura 4 horas)</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="38"/>
        <source>Shopee partner id</source>
        <translation>Partner id da Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="39"/>
        <source>The app&apos;s partner id on the Shopee Open Platform</source>
        <translation>O partner id do app na Shopee Open Platform</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="47"/>
        <source>Signs every call; leave empty when the relay keeps it</source>
        <translation>Assina cada chamada; deixe vazio quando o relay a guarda</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="55"/>
        <source>Shopee shop id</source>
        <translation>Shop id da Shopee</translation>
    </message>
    <message>
        <location filename="../../src/kitchen_app/channels/shopee/settings.py" line="56"/>
        <source>The shop&apos;s id (Shopee is off while it is empty)</source>
        <translation>O id da loja (a Shopee fica desligada enquanto estiver vazio)</translation>
    </message>
</context>
</TS>
