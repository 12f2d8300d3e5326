using AutoTracker.Domain;
using AutoTracker.Vehicles;

namespace AutoTracker.Application;

/// <summary>The validation every application service runs on its input DTO, without a database.</summary>
public sealed class InputValidatorTests
{
    [Fact]
    public void Validate_NullLineItem_NamesItem()
    {
        var input = ValidServiceRecord();
        input.Lines = [null!];

        var exception = Should.Throw<InputValidationException>(() => InputValidator.Validate(input));

        exception.Errors.Keys.ShouldBe(["Lines[0]"]);
        exception.Errors["Lines[0]"].ShouldBe(["Lines[0] is null; send a value for each item, or remove the item."]);
    }

    [Fact]
    public void Validate_NullList_NamesList()
    {
        var input = ValidServiceRecord();
        input.Lines = null!;

        var exception = Should.Throw<InputValidationException>(() => InputValidator.Validate(input));

        exception.Errors.Keys.ShouldBe(["Lines"]);
    }

    [Theory]
    [InlineData("Oil\0change", "U+0000")]
    [InlineData("Oil\u0007change", "U+0007")]
    [InlineData("Oil\u001Bchange", "U+001B")]
    [InlineData("Oil\u007Fchange", "U+007F")]
    [InlineData("Oil\u0085change", "U+0085")]
    public void Validate_ControlCharacterInNotes_IsRejected(string notes, string codePoint)
    {
        var input = ValidServiceRecord();
        input.Notes = notes;

        var exception = Should.Throw<InputValidationException>(() => InputValidator.Validate(input));

        exception.Errors["Notes"].ShouldBe([$"Notes contains the control character {codePoint} at position 4; remove it."]);
    }

    [Theory]
    [InlineData('\u202A')]
    [InlineData('\u202B')]
    [InlineData('\u202C')]
    [InlineData('\u202D')]
    [InlineData('\u202E')]
    [InlineData('\u2066')]
    [InlineData('\u2067')]
    [InlineData('\u2068')]
    [InlineData('\u2069')]
    public void Validate_BidirectionalFormattingCharacter_IsRejected(char character)
    {
        var input = ValidServiceRecord();
        input.Vendor = $"Garage{character}exe.txt";

        var exception = Should.Throw<InputValidationException>(() => InputValidator.Validate(input));

        exception.Errors["Vendor"].ShouldHaveSingleItem().ShouldStartWith($"Vendor contains the bidirectional formatting character U+{(int)character:X4} at position 7");
    }

    [Theory]
    [InlineData("Main Street\nGarage", "line feed (U+000A)")]
    [InlineData("Main Street\rGarage", "carriage return (U+000D)")]
    [InlineData("Main Street\tGarage", "tab (U+0009)")]
    public void Validate_LineBreakInSingleLineField_IsRejected(string vendor, string character)
    {
        var input = ValidServiceRecord();
        input.Vendor = vendor;

        var exception = Should.Throw<InputValidationException>(() => InputValidator.Validate(input));

        exception.Errors["Vendor"].ShouldBe([$"Vendor must be a single line; remove the {character} at position 12."]);
    }

    [Fact]
    public void Validate_MultiLineFields_AcceptLineBreaks()
    {
        var input = ValidServiceRecord();
        input.Description = "Front brakes\r\nRear brakes";
        input.Notes = "Pads:\tBosch\nDiscs:\tATE";

        Should.NotThrow(() => InputValidator.Validate(input));
    }

    [Fact]
    public void Validate_LineBreakInLineDescription_NamesLineField()
    {
        var input = ValidServiceRecord();
        input.Lines.Add(new ServiceLineDto { Kind = ServiceLineKind.Part, Description = "Pads\nDiscs", Quantity = 1, UnitCost = 10 });

        var exception = Should.Throw<InputValidationException>(() => InputValidator.Validate(input));

        exception.Errors.Keys.ShouldBe(["Lines[1].Description"]);
        exception.Errors["Lines[1].Description"].ShouldHaveSingleItem().ShouldStartWith("Lines[1].Description must be a single line");
    }

    [Fact]
    public void Validate_VehicleFields_CheckEveryString()
    {
        var input = new CreateUpdateVehicleDto
        {
            Vin = "1FTMW1T88MFA0000\u0000",
            Make = "Ford",
            Model = "F-150\n",
            Trim = "XL\u202E",
            Color = "Red",
            Plate = "AB\t12",
            UnitNumber = "U\u0001",
            Notes = "Bought used\nService book missing",
        };

        var exception = Should.Throw<InputValidationException>(() => InputValidator.Validate(input));

        exception.Errors.Keys.ShouldBe(["Vin", "Model", "Trim", "Plate", "UnitNumber"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("\uD83D\uDE97 Fleet car")]
    [InlineData("Škoda Octavia – 2.0 TDI")]
    [InlineData("עברית and العربية")]
    public void Validate_OrdinaryUnicodeText_IsAccepted(string model)
    {
        var input = new CreateUpdateVehicleDto { Make = "Make", Model = model };

        Should.NotThrow(() => InputValidator.Validate(input));
    }

    [Theory]
    [InlineData(0xD83D, "")]
    [InlineData(0xDE97, " x")]
    public void Validate_UnpairedSurrogate_IsRejected(int codeUnit, string suffix)
    {
        // Built here, because xunit would replace a lone surrogate in attribute data when it serializes the case.
        var input = new CreateUpdateVehicleDto { Make = "Make", Model = $"Car {(char)codeUnit}{suffix}" };

        var exception = Should.Throw<InputValidationException>(() => InputValidator.Validate(input));

        exception.Errors["Model"].ShouldBe([$"Model contains the unpaired surrogate U+{codeUnit:X4} at position 5, which is not valid Unicode text."]);
    }

    [Fact]
    public void Validate_SearchAndFileName_AreSingleLine()
    {
        var search = new GetVehicleListInput { Search = "Ford\0" };
        var upload = new ImportUploadDto { FileName = "fuel\n.csv" };

        Should.Throw<InputValidationException>(() => InputValidator.Validate(search)).Errors.Keys.ShouldBe(["Search"]);
        Should.Throw<InputValidationException>(() => InputValidator.Validate(upload)).Errors.Keys.ShouldBe(["FileName"]);
    }

    [Theory]
    [InlineData("60.001", null, "TotalCost")]
    [InlineData(null, "1.2345", "PricePerUnit")]
    public void Validate_FuelAmountWithTooManyDecimals_NamesField(string? total, string? price, string field)
    {
        var input = new CreateFuelEntryDto
        {
            Date = new DateOnly(2026, 1, 1),
            MeterValue = 1000,
            Quantity = 40,
            TotalCost = total is null ? null : decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture),
            PricePerUnit = price is null ? null : decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture),
        };

        var exception = Should.Throw<InputValidationException>(() => InputValidator.Validate(input));

        exception.Errors.Keys.ShouldBe([field]);
    }

    [Fact]
    public void Validate_TrailingZeros_DoNotCountAsDecimals()
    {
        var input = new CreateFuelEntryDto { Date = new DateOnly(2026, 1, 1), MeterValue = 1000, Quantity = 40, TotalCost = 60.5000m, PricePerUnit = 1.5120m };

        Should.NotThrow(() => InputValidator.Validate(input));
    }

    [Fact]
    public void Validate_LineAmountsWithTooManyDecimals_NameLineFields()
    {
        var input = ValidServiceRecord();
        input.Lines = [new ServiceLineDto { Kind = ServiceLineKind.Part, Description = "Bolts", Quantity = 1.0005m, UnitCost = 0.125m }];

        var exception = Should.Throw<InputValidationException>(() => InputValidator.Validate(input));

        exception.Errors.Keys.ShouldBe(["Lines[0].Quantity", "Lines[0].UnitCost"], ignoreOrder: true);
        exception.Errors["Lines[0].UnitCost"].ShouldBe(["The field UnitCost may have at most 2 decimal places."]);
    }

    private static CreateServiceRecordDto ValidServiceRecord() => new()
    {
        Date = new DateOnly(2026, 1, 1),
        Description = "Brakes",
        Lines = [new ServiceLineDto { Kind = ServiceLineKind.Labour, Description = "Labour", Quantity = 1, UnitCost = 80 }],
    };
}
