<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CartPane</name>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/cart_pane.py" line="121"/>
        <source>%n order(s) bought together</source>
        <translation>
            <numerusform>%n order bought together</numerusform>
            <numerusform>%n orders bought together</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="109"/>
        <source>%n action(s) waiting for the marketplace</source>
        <translation>
            <numerusform>%n action waiting for the marketplace</numerusform>
            <numerusform>%n actions waiting for the marketplace</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="134"/>
        <source>%n unresolved notification(s) — view</source>
        <translation>
            <numerusform>%n unresolved notification — view</numerusform>
            <numerusform>%n unresolved notifications — view</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/status_bar.py" line="158"/>
        <source>(+%n more)</source>
        <translation>
            <numerusform>(+%n more)</numerusform>
            <numerusform>(+%n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HealthWords</name>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="98"/>
        <source>%n order(s) expired while the desk was offline — see the list</source>
        <translation>
            <numerusform>%n order expired while the desk was offline — see the list</numerusform>
            <numerusform>%n orders expired while the desk was offline — see the list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="107"/>
        <source>%n notification(s) could not be matched to an order — open them and check the marketplace&apos;s app</source>
        <translation>
            <numerusform>%n notification could not be matched to an order — open it and check the marketplace&apos;s app</numerusform>
            <numerusform>%n notifications could not be matched to an order — open them and check the marketplace&apos;s app</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="129"/>
        <source>%n order(s) could not be read for a while — the desk keeps trying; check them in the marketplace&apos;s app</source>
        <translation>
            <numerusform>%n order could not be read for a while — the desk keeps trying; check it in the marketplace&apos;s app</numerusform>
            <numerusform>%n orders could not be read for a while — the desk keeps trying; check them in the marketplace&apos;s app</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="119"/>
        <source>%n order(s) still loading — check the internet</source>
        <translation>
            <numerusform>%n order still loading — check the internet</numerusform>
            <numerusform>%n orders still loading — check the internet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/health.py" line="152"/>
        <source>%n ticket(s) did not print — see the order&apos;s print problems (F9)</source>
        <translation>
            <numerusform>%n ticket did not print — see the order&apos;s print problems (F9)</numerusform>
            <numerusform>%n tickets did not print — see the order&apos;s print problems (F9)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/main_window.py" line="900"/>
        <source>%n new order(s) waiting</source>
        <translation>
            <numerusform>%n new order waiting</numerusform>
            <numerusform>%n new orders waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/main_window.py" line="903"/>
        <source>%n order(s) expired while the desk was offline</source>
        <translation>
            <numerusform>%n order expired while the desk was offline</numerusform>
            <numerusform>%n orders expired while the desk was offline</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/main_window.py" line="906"/>
        <source>%n notification(s) could not be matched to an order — see the status bar</source>
        <translation>
            <numerusform>%n notification could not be matched to an order — see the status bar</numerusform>
            <numerusform>%n notifications could not be matched to an order — see the status bar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/main_window.py" line="962"/>
        <source>%n order(s) are waiting to be accepted. If the desk closes, nobody hears the alert and the marketplace cancels them when their time runs out.</source>
        <translation>
            <numerusform>%n order is waiting to be accepted. If the desk closes, nobody hears the alert and the marketplace cancels it when its time runs out.</numerusform>
            <numerusform>%n orders are waiting to be accepted. If the desk closes, nobody hears the alert and the marketplace cancels them when their time runs out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MissedBanner</name>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/notices.py" line="160"/>
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/notices.py" line="163"/>
        <source>While the desk was offline, %n order(s) arrived and expired unaccepted: %1. Check them in the marketplace&apos;s app.</source>
        <translation>
            <numerusform>While the desk was offline, %n order arrived and expired unaccepted: %1. Check it in the marketplace&apos;s app.</numerusform>
            <numerusform>While the desk was offline, %n orders arrived and expired unaccepted: %1. Check them in the marketplace&apos;s app.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/orders_model.py" line="401"/>
        <source>Cart #%1: %n order(s) bought together</source>
        <translation>
            <numerusform>Cart #%1: %n order bought together</numerusform>
            <numerusform>Cart #%1: %n orders bought together</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StorePausedBanner</name>
    <message numerus="yes">
        <location filename="../../src/kitchen_app/ui/notices.py" line="93"/>
        <source>(%n more store(s) not taking orders)</source>
        <translation>
            <numerusform>(%n more store not taking orders)</numerusform>
            <numerusform>(%n more stores not taking orders)</numerusform>
        </translation>
    </message>
</context>
</TS>
