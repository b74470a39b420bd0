namespace Ombud.Bench.Ingest.Fakes;

internal static class Catalogue
{
    public static readonly IReadOnlyList<MerchantCategory> Categories =
    [
        new("5732", ["Electronics", "Audio", "Tech", "Gadgets"],
        [
            new("EL-1001", "Wireless noise-cancelling headphones", 11_900),
            new("EL-1002", "Bluetooth speaker", 6_900),
            new("EL-1003", "Smartwatch", 24_900),
            new("EL-1004", "USB-C charger 65 W", 2_900),
            new("EL-1005", "10-inch tablet", 34_900),
            new("EL-1006", "Gaming mouse", 5_900),
        ]),
        new("5651", ["Fashion", "Wear", "Clothing", "Studio"],
        [
            new("CL-2001", "Winter jacket", 14_900),
            new("CL-2002", "Slim-fit jeans", 6_900),
            new("CL-2003", "Organic cotton T-shirt", 1_900),
            new("CL-2004", "Merino wool sweater", 8_900),
            new("CL-2005", "Leather sneakers", 9_900),
        ]),
        new("5941", ["Outdoor", "Sports", "Active", "Trail"],
        [
            new("SP-3001", "Trail running shoes", 12_900),
            new("SP-3002", "Yoga mat", 3_500),
            new("SP-3003", "Two-person tent", 21_900),
            new("SP-3004", "Bike helmet", 7_900),
            new("SP-3005", "Ski goggles", 8_900),
        ]),
        new("5712", ["Home", "Interiors", "Living", "Design"],
        [
            new("HO-4001", "Ergonomic desk chair", 19_900),
            new("HO-4002", "Floor lamp", 8_900),
            new("HO-4003", "Oak bookshelf", 14_900),
            new("HO-4004", "Wool rug 160x230", 12_900),
        ]),
        new("5977", ["Beauty", "Care", "Cosmetics"],
        [
            new("BE-5001", "Vitamin C face serum", 3_900),
            new("BE-5002", "Eau de parfum 50 ml", 7_900),
            new("BE-5003", "Hair dryer", 6_900),
            new("BE-5004", "Shampoo 250 ml", 1_200),
        ]),
        new("5945", ["Toys", "Play", "Kids"],
        [
            new("TO-6001", "Building block set", 5_900),
            new("TO-6002", "Family board game", 3_500),
            new("TO-6003", "Remote-control car", 4_900),
            new("TO-6004", "Plush bear", 1_900),
        ]),
    ];
}
