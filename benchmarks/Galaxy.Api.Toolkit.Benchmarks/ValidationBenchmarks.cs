using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using FluentValidation;
using Galaxy.Api.Toolkit.Generated;
using Galaxy.Api.Toolkit.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Validation;
using ValidationContext = Galaxy.Api.Toolkit.Validation.ValidationContext;

namespace Galaxy.Api.Toolkit.Benchmarks;

/// <summary>A request body with the usual constraints.</summary>
[ValidatableType]
public sealed class OrderRequest
{
    [Required, StringLength(50, MinimumLength = 2)]
    public string? Customer { get; init; }

    [EmailAddress]
    public string? Email { get; init; }

    [Range(1, 100)]
    public int Quantity { get; init; }

    [RegularExpression("[A-Z]{3}-[0-9]{4}")]
    public string? Sku { get; init; }

    [MaxLength(5)]
    public List<string> Tags { get; init; } = [];

    public ShippingAddress? Shipping { get; init; }
}

/// <summary>A nested value.</summary>
public sealed class ShippingAddress
{
    [Required, StringLength(10)]
    public string? Zip { get; init; }
}

/// <summary>The same rules as a FluentValidation validator.</summary>
public sealed class OrderRequestValidator : AbstractValidator<OrderRequest>
{
    public OrderRequestValidator()
    {
        RuleFor(x => x.Customer).NotNull().Length(2, 50);
        RuleFor(x => x.Email).EmailAddress();
        RuleFor(x => x.Quantity).InclusiveBetween(1, 100);
        RuleFor(x => x.Sku).Matches("^[A-Z]{3}-[0-9]{4}$");
        RuleFor(x => x.Tags).Must(static tags => tags.Count <= 5);
        RuleFor(x => x.Shipping!.Zip).NotNull().MaximumLength(10).When(static x => x.Shipping is not null);
    }
}

/// <summary>Makes the generator produce a validator for <see cref="OrderRequest"/>.</summary>
[ApiRouter("orders", Public = true)]
public static class OrdersApi
{
    [Post("/orders")]
    public static string Create(OrderRequest order) => order.Customer!;
}

/// <summary>
/// Validating a request body: the generated validator (as handlers call it) against hand-written checks of the same
/// contract recording the same failures (baseline), FluentValidation, DataAnnotations and Microsoft.Extensions.Validation,
/// on a valid object and one with three errors.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private static readonly Regex Sku = Checks.CompilePattern("^(?:[A-Z]{3}-[0-9]{4})$");
    private readonly OrderRequestValidator _fluent = new();
    private OrderRequest _order = null!;
    private IValidatableInfo _validatable = null!;
    private ValidationOptions _validationOptions = null!;

    [Params("valid", "three errors")]
    public string Input { get; set; } = "valid";

    [GlobalSetup]
    public void Setup()
    {
        _order = Input == "valid"
            ? new OrderRequest { Customer = "Galaxy Lab", Email = "lab@example.org", Quantity = 3, Sku = "ABC-1234", Tags = ["a", "b"], Shipping = new ShippingAddress { Zip = "12345" } }
            : new OrderRequest { Customer = "G", Email = "lab@example.org", Quantity = 0, Sku = "abc", Tags = ["a"], Shipping = new ShippingAddress { Zip = "12345" } };
        var services = new ServiceCollection();
        MinimalApiValidation.Add(services);
        _validationOptions = services.BuildServiceProvider().GetRequiredService<IOptions<ValidationOptions>>().Value;
        if (!_validationOptions.TryGetValidatableTypeInfo(typeof(OrderRequest), out var info) || info is null)
        {
            throw new InvalidOperationException("Microsoft.Extensions.Validation has no info for OrderRequest.");
        }

        _validatable = info;
        if (HandWritten() != Generated() || Generated() != Fluent() || Fluent() != DataAnnotations() || DataAnnotations() != ExtensionsValidation().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The validators disagree on the input.");
        }
    }

    /// <summary>The same checks written by hand, recording the same failures (location, message, type) as the generated ones.</summary>
    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        List<Galaxy.Api.Toolkit.ValidationError>? errors = null;
        var order = _order;
        if (order.Customer is null)
        {
            (errors ??= []).Add(new(["body", "customer"], "Field required", "missing"));
        }
        else if (Checks.CodePoints(order.Customer) < 2)
        {
            (errors ??= []).Add(new(["body", "customer"], "String should have at least 2 characters", "string_too_short"));
        }
        else if (Checks.CodePoints(order.Customer) > 50)
        {
            (errors ??= []).Add(new(["body", "customer"], "String should have at most 50 characters", "string_too_long"));
        }

        if (order.Email is { } email)
        {
            var at = email.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0 || at == email.Length - 1 || email.IndexOf('@', at + 1) >= 0)
            {
                (errors ??= []).Add(new(["body", "email"], "value is not a valid email address", "value_error"));
            }
        }

        if (order.Quantity < 1)
        {
            (errors ??= []).Add(new(["body", "quantity"], "Input should be greater than or equal to 1", "greater_than_equal"));
        }
        else if (order.Quantity > 100)
        {
            (errors ??= []).Add(new(["body", "quantity"], "Input should be less than or equal to 100", "less_than_equal"));
        }

        if (order.Sku is { } sku && !Sku.IsMatch(sku))
        {
            (errors ??= []).Add(new(["body", "sku"], "String should match pattern '^(?:[A-Z]{3}-[0-9]{4})$'", "string_pattern_mismatch"));
        }

        if (order.Tags.Count > 5)
        {
            (errors ??= []).Add(new(["body", "tags"], "List should have at most 5 items", "too_long"));
        }

        for (var i = 0; i < order.Tags.Count; i++)
        {
            if (order.Tags[i] is null)
            {
                (errors ??= []).Add(new(["body", "tags", i], "Input should not be null", "none_not_allowed"));
            }
        }

        if (order.Shipping is { } shipping)
        {
            if (shipping.Zip is null)
            {
                (errors ??= []).Add(new(["body", "shipping", "zip"], "Field required", "missing"));
            }
            else if (Checks.CodePoints(shipping.Zip) > 10)
            {
                (errors ??= []).Add(new(["body", "shipping", "zip"], "String should have at most 10 characters", "string_too_long"));
            }
        }

        return errors?.Count ?? 0;
    }

    [Benchmark]
    public int Generated()
    {
        var context = ValidationContext.Rent("body");
        GalaxyApiValidators.Validate_Galaxy_Api_Toolkit_Benchmarks_OrderRequest(_order, context);
        var count = context.Errors?.Errors.Count ?? 0;
        ValidationContext.Return(context);
        return count;
    }

    [Benchmark]
    public int Fluent() => _fluent.Validate(_order).Errors.Count;

    [Benchmark]
    public int DataAnnotations()
    {
        var results = new List<ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(_order, new System.ComponentModel.DataAnnotations.ValidationContext(_order), results, validateAllProperties: true);
        if (_order.Shipping is { } shipping)
        {
            System.ComponentModel.DataAnnotations.Validator.TryValidateObject(shipping, new System.ComponentModel.DataAnnotations.ValidationContext(shipping), results, validateAllProperties: true);
        }

        return results.Count;
    }

    [Benchmark]
    public async Task<int> ExtensionsValidation()
    {
        var context = new ValidateContext
        {
            ValidationOptions = _validationOptions,
            ValidationContext = new System.ComponentModel.DataAnnotations.ValidationContext(_order),
        };
        await _validatable.ValidateAsync(_order, context, CancellationToken.None);
        return context.ValidationErrors?.Count ?? 0;
    }
}
