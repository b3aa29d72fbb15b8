"""The default store's menu and the people and places orders are made of (Buenos Aires).

Prices are ARS as Decimal strings; each dish may carry option groups (name, min, max,
choices with prices).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "COMPLEMENTS",
    "FIRST_NAMES",
    "ITEM_NOTES",
    "LAST_NAMES",
    "MENU",
    "STREETS",
    "Choice",
    "Dish",
    "OptionGroup",
]


@dataclass(frozen=True, slots=True)
class Choice:
    name: str
    price: Decimal
    code: str


@dataclass(frozen=True, slots=True)
class OptionGroup:
    name: str
    choices: tuple[Choice, ...]
    max_pick: int = 1
    required: bool = False


@dataclass(frozen=True, slots=True)
class Dish:
    name: str
    price: Decimal
    code: str
    section: str
    groups: tuple[OptionGroup, ...] = field(default=())


def _c(name: str, price: str, code: str) -> Choice:
    return Choice(name, Decimal(price), code)


_BEBIDA = OptionGroup(
    "Bebida",
    (
        _c("Coca-Cola 500 ml", "1800", "BEB-COCA"),
        _c("Sprite 500 ml", "1800", "BEB-SPRI"),
        _c("Agua sin gas 500 ml", "1300", "BEB-AGUA"),
    ),
)
_GUARNICION = OptionGroup(
    "Guarnición",
    (
        _c("Papas fritas", "0", "GUA-PAPAS"),
        _c("Puré de papas", "0", "GUA-PURE"),
        _c("Ensalada mixta", "0", "GUA-ENSA"),
        _c("Papas a la provenzal", "900", "GUA-PROV"),
    ),
    required=True,
)
_PUNTO = OptionGroup(
    "Punto de cocción",
    (
        _c("Jugoso", "0", "PTO-JUG"),
        _c("A punto", "0", "PTO-APU"),
        _c("Bien cocido", "0", "PTO-BIE"),
    ),
    required=True,
)
_EXTRAS_PIZZA = OptionGroup(
    "Extras",
    (
        _c("Extra muzzarella", "1500", "EXT-MUZZ"),
        _c("Aceitunas", "600", "EXT-ACEI"),
        _c("Huevo frito", "900", "EXT-HUEVO"),
    ),
    max_pick=2,
)
_TOPPING = OptionGroup(
    "Topping",
    (_c("Dulce de leche extra", "700", "TOP-DDL"), _c("Crema chantilly", "600", "TOP-CREMA")),
)

COMPLEMENTS = (_BEBIDA, _GUARNICION, _PUNTO, _EXTRAS_PIZZA, _TOPPING)

MENU: tuple[Dish, ...] = (
    Dish("Empanada de carne cortada a cuchillo", Decimal("1600"), "EMP-CARNE", "Empanadas"),
    Dish("Empanada de jamón y queso", Decimal("1500"), "EMP-JYQ", "Empanadas"),
    Dish("Empanada de pollo", Decimal("1500"), "EMP-POLLO", "Empanadas"),
    Dish("Empanada de humita", Decimal("1500"), "EMP-HUMITA", "Empanadas"),
    Dish("Docena de empanadas surtidas", Decimal("16500"), "EMP-DOCENA", "Empanadas"),
    Dish("Milanesa napolitana", Decimal("9800"), "MIL-NAPO", "Milanesas", (_GUARNICION, _BEBIDA)),
    Dish("Milanesa de pollo", Decimal("8900"), "MIL-POLLO", "Milanesas", (_GUARNICION,)),
    Dish(
        "Sándwich de milanesa completo",
        Decimal("8500"),
        "MIL-SAND",
        "Milanesas",
        (_BEBIDA,),
    ),
    Dish("Pizza muzzarella", Decimal("10500"), "PIZ-MUZZA", "Pizzas", (_EXTRAS_PIZZA,)),
    Dish("Pizza fugazzeta", Decimal("11800"), "PIZ-FUGA", "Pizzas", (_EXTRAS_PIZZA,)),
    Dish("Pizza napolitana", Decimal("12200"), "PIZ-NAPO", "Pizzas", (_EXTRAS_PIZZA,)),
    Dish("Fainá", Decimal("2500"), "PIZ-FAINA", "Pizzas"),
    Dish("Bife de chorizo", Decimal("16900"), "PAR-BIFE", "Parrilla", (_PUNTO, _GUARNICION)),
    Dish("Vacío a la parrilla", Decimal("14500"), "PAR-VACIO", "Parrilla", (_PUNTO, _GUARNICION)),
    Dish("Choripán", Decimal("5200"), "PAR-CHORI", "Parrilla", (_BEBIDA,)),
    Dish("Provoleta", Decimal("6300"), "PAR-PROVO", "Parrilla"),
    Dish("Parrillada para dos", Decimal("32000"), "PAR-PARA2", "Parrilla", (_GUARNICION,)),
    Dish("Coca-Cola 1,5 L", Decimal("3900"), "BEB-COCA15", "Bebidas"),
    Dish("Agua mineral 500 ml", Decimal("1300"), "BEB-AGUA500", "Bebidas"),
    Dish("Cerveza Quilmes 1 L", Decimal("4200"), "BEB-QUIL", "Bebidas"),
    Dish("Vino Malbec 750 ml", Decimal("9500"), "BEB-MALBEC", "Bebidas"),
    Dish("Flan casero con dulce de leche", Decimal("3800"), "POS-FLAN", "Postres", (_TOPPING,)),
    Dish("Panqueque con dulce de leche", Decimal("4100"), "POS-PANQ", "Postres", (_TOPPING,)),
    Dish("Helado 1/4 kg", Decimal("5200"), "POS-HELADO", "Postres"),
)

ITEM_NOTES: dict[str, tuple[str, ...]] = {
    "Empanadas": ("Bien cocidas, por favor.", "Que vengan calentitas."),
    "Milanesas": ("Sin cebolla.", "Sin sal, por favor.", "La milanesa bien cocida."),
    "Pizzas": ("Cortada en 8.", "Sin aceitunas.", "Bien cocida."),
    "Parrilla": ("Sin chimichurri.", "Bien cocida.", "Sin cebolla."),
    "Bebidas": ("Bien fría.",),
    "Postres": ("Sin crema.",),
}

FIRST_NAMES = (
    "Sofía", "Martina", "Valentina", "Camila", "Lucía", "Julieta", "Florencia", "Agustina",
    "Mateo", "Santiago", "Benjamín", "Joaquín", "Tomás", "Facundo", "Nicolás", "Matías",
    "Gonzalo", "Mariana", "Rocío", "Federico",
)  # fmt: skip
LAST_NAMES = (
    "González", "Rodríguez", "Gómez", "Fernández", "López", "Díaz", "Martínez", "Pérez",
    "Romero", "Sosa", "Álvarez", "Torres", "Ruiz", "Ramírez", "Acosta", "Benítez",
    "Medina", "Suárez", "Herrera", "Aguirre",
)  # fmt: skip

# (street, neighbourhood, postal code, latitude, longitude) around the store.
STREETS = (
    ("Av. Corrientes", "Almagro", "C1193", -34.6037, -58.4205),
    ("Av. Rivadavia", "Caballito", "C1406", -34.6189, -58.4409),
    ("Gorriti", "Palermo", "C1414", -34.5889, -58.4301),
    ("Thames", "Villa Crespo", "C1414", -34.5942, -58.4376),
    ("Av. Scalabrini Ortiz", "Palermo", "C1425", -34.5870, -58.4200),
    ("Humahuaca", "Almagro", "C1180", -34.6041, -58.4189),
    ("Bulnes", "Palermo", "C1176", -34.5972, -58.4152),
    ("Av. Díaz Vélez", "Caballito", "C1405", -34.6090, -58.4301),
    ("Acevedo", "Villa Crespo", "C1414", -34.5981, -58.4362),
    ("Güemes", "Palermo", "C1425", -34.5897, -58.4156),
)
COMPLEMENT_ADDRESS = ("Piso 3 Depto B", "PB 2", "Depto 14", "Casa", "Piso 7 Depto A", "")
REFERENCES = (
    "Timbre que no anda, llamar al llegar.",
    "Puerta verde al lado de la verdulería.",
    "Edificio con portero, dejar en recepción.",
    "Frente a la plaza.",
    "",
)
