namespace Ombud.Commerce.DemoWorld;

/// <summary>How an order of a category reaches the customer.</summary>
internal enum Delivery
{
    /// <summary>A parcel by carrier, a few days.</summary>
    Parcel,

    /// <summary>Bulky goods by freight, a week or two.</summary>
    Freight,

    /// <summary>Next-day home delivery by the store's own vans.</summary>
    Groceries,

    /// <summary>Tickets and bookings, sent by email at once.</summary>
    Electronic,
}

/// <summary>Something a store sells, priced in euro cents in the catalogue and converted per market.</summary>
internal sealed record DemoProduct(string Description, long EuroCents);

/// <summary>A kind of store: its merchant category code, what it sells, how it ships and how often things come back.</summary>
internal sealed record DemoCategory(
    string Code,
    string Name,
    string SkuPrefix,
    int Weight,
    Delivery Delivery,
    int ReturnPercent,
    IReadOnlyList<DemoProduct> Products,
    IReadOnlyList<string> NameStems,
    IReadOnlyList<string> NameEndings);

/// <summary>The merchant categories of the demo world (ISO 18245 codes) and what their stores sell.</summary>
internal static class DemoCatalog
{
    public static readonly DemoCategory Electronics = new("5732", "electronics", "EL", 18, Delivery.Parcel, 8,
        [
            new("Wireless earbuds", 12_900), new("Noise-cancelling headphones", 29_900), new("Smartwatch", 34_900), new("Tablet 11\"", 59_900),
            new("Laptop 14\"", 109_900), new("Gaming console", 54_900), new("55\" 4K television", 89_900), new("Mirrorless camera", 129_900),
            new("Smartphone 256 GB", 99_900), new("Robot vacuum", 44_900), new("USB-C charger 65 W", 2_900), new("Bluetooth speaker", 7_900),
        ],
        ["Volt", "Pixel", "Ampere", "Circuit", "Byte", "Signal", "Nova", "Spark", "Quanta", "Ohm", "Lumen", "Kilo"],
        ["haus", " Electronics", "tronik", " Tech", "works", " Direct", "hub", "planet"]);

    public static readonly DemoCategory Clothing = new("5651", "clothing", "CL", 22, Delivery.Parcel, 22,
        [
            new("Slim-fit jeans", 7_900), new("Down winter jacket", 22_900), new("Leather sneakers", 11_900), new("Merino wool sweater", 8_900),
            new("Summer dress", 6_900), new("T-shirts, 3-pack", 3_500), new("Rain jacket", 14_900), new("Chelsea boots", 17_900),
            new("Linen shirt", 5_900), new("Wool coat", 27_900),
        ],
        ["Linnea", "Nordvik", "Fjord", "Indigo", "Atelier", "Tailor", "Urban", "Marlow", "Saga", "Cotton", "Juniper", "Ember"],
        [" Studio", " Clothing", " & Co", " Apparel", " Wear", " Label", " Outfitters", " Collective"]);

    public static readonly DemoCategory Furniture = new("5712", "furniture", "FU", 8, Delivery.Freight, 5,
        [
            new("Three-seat sofa", 129_000), new("Height-adjustable desk", 32_900), new("Office chair", 24_900), new("Bookshelf", 14_900),
            new("Bed frame 160×200", 59_900), new("Dining table", 69_900), new("Armchair", 44_900), new("Wool rug 200×300", 25_900),
        ],
        ["Hemma", "Oak", "Birch", "Nest", "Lagom", "Haven", "Timber", "Loft", "Kasa", "Walnut", "Form", "Dune"],
        [" Living", " Interiors", " Home", " Furniture", "hus", " Design", " & Co", "rum"]);

    public static readonly DemoCategory Sports = new("5941", "sporting goods", "SP", 10, Delivery.Parcel, 12,
        [
            new("Running shoes", 13_900), new("Road bike", 149_000), new("Two-person tent", 29_900), new("Yoga mat", 3_900),
            new("Ski jacket", 27_900), new("Adjustable dumbbells", 11_900), new("Hiking backpack 45 l", 15_900), new("GPS sports watch", 39_900),
        ],
        ["Peak", "Trail", "Summit", "Fjäll", "Stride", "Alpine", "Ridge", "Pace", "Kite", "Vertex", "Tundra", "Velo"],
        [" Sports", " Outdoor", " Gear", " Athletics", " Sport", "works", " Supply", " Co"]);

    public static readonly DemoCategory Cosmetics = new("5977", "cosmetics", "CO", 12, Delivery.Parcel, 4,
        [
            new("Vitamin C face serum", 4_900), new("Eau de parfum 50 ml", 9_500), new("Ionic hair dryer", 22_900), new("Skincare gift set", 7_900),
            new("Foundation", 3_900), new("Electric toothbrush", 12_900), new("Night cream", 5_500),
        ],
        ["Glow", "Lumi", "Bloom", "Velvet", "Aura", "Petal", "Silk", "Dew", "Rose", "Pure", "Halo", "Blush"],
        [" Beauty", " Cosmetics", " Skin", " Lab", " Apothecary", " Studio", " Care", " Parlour"]);

    public static readonly DemoCategory Travel = new("4722", "travel", "TR", 10, Delivery.Electronic, 2,
        [
            new("Return flight, economy", 28_000), new("City break, 3 nights", 69_000), new("Package holiday, 7 nights", 189_000),
            new("Ferry crossing with cabin", 24_000), new("Rail pass, 7 days", 33_000), new("Hotel, 2 nights", 32_000),
        ],
        ["Wanderly", "Horizon", "Aurora", "Compass", "Jetway", "Atlas", "Meridian", "Voyager", "Skyline", "Harbour", "Nomad", "Sunward"],
        [" Travel", " Trips", " Holidays", " Journeys", " Tours", " Escapes", " Flights", " Getaways"]);

    public static readonly DemoCategory Grocery = new("5411", "grocery", "GR", 12, Delivery.Groceries, 1,
        [
            new("Weekly grocery delivery", 9_500), new("Meal kit, 4 dinners", 6_900), new("Organic fruit box", 3_500), new("Pantry restock", 14_000),
        ],
        ["Fresh", "Green", "Harvest", "Daily", "Farm", "Pantry", "Basket", "Field", "Orchard", "Larder", "Root", "Meadow"],
        [" Market", " Grocers", " Foods", " Box", " Delivered", " Kitchen", " Store", " Co-op"]);

    public static readonly DemoCategory Books = new("5942", "books", "BO", 8, Delivery.Parcel, 3,
        [
            new("Hardcover novel", 2_600), new("Cookbook", 3_500), new("Children's book set", 4_500), new("E-reader", 13_900),
            new("University textbook", 7_900), new("Box set, 4 volumes", 8_900),
        ],
        ["Inkwell", "Paper", "Quill", "Chapter", "Folio", "Margin", "Leaf", "Lantern", "Story", "Verse", "Page", "Spine"],
        [" Books", " Bookshop", " & Co", " Press", " Reads", " Bookstore", " Library", " Editions"]);

    public static readonly IReadOnlyList<DemoCategory> All = [Electronics, Clothing, Furniture, Sports, Cosmetics, Travel, Grocery, Books];

    public static readonly IReadOnlyList<(DemoCategory Category, int Weight)> Weighted = [.. All.Select(c => (c, c.Weight))];

    /// <summary>What fraudsters go for: expensive, easy to resell.</summary>
    public static IReadOnlyList<DemoProduct> ResaleMagnets { get; } = [.. Electronics.Products.Where(p => p.EuroCents >= 50_000)];
}
