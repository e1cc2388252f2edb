package dev.datalifecycle.examples.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A signed contract with a customer. Not part of the customer: an open contract is what should stand
 * in the way of deleting one.
 */
@Entity
@dev.datalifecycle.api.annotation.SoftDeletable
@Table(name = "contract")
public class Contract {

    /** Whether the contract still runs. */
    public enum Status { OPEN, CLOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contract_seq")
    @SequenceGenerator(name = "contract_seq", sequenceName = "contract_seq", allocationSize = 50)
    private Long id;

    /** A closed contract goes to the bin with its customer; an open one stands in the way. */
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id", nullable = false)
    @dev.datalifecycle.api.annotation.WhenDeleted(cases = @dev.datalifecycle.api.annotation.WhenDeleted.Case(attribute = "status",
            in = "CLOSED", then = dev.datalifecycle.api.DeleteRule.CASCADE))
    private Customer customer;

    @Column(name = "contract_number", nullable = false, unique = true, length = 30)
    private String number;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Status status;

    @Column(name = "contract_value", precision = 12, scale = 2)
    private BigDecimal value;

    @Column(name = "ends_on")
    private LocalDate endsOn;

    protected Contract() {
    }

    public Contract(Customer customer, String number, Status status, BigDecimal value, LocalDate endsOn) {
        this.customer = customer;
        this.number = number;
        this.status = status;
        this.value = value;
        this.endsOn = endsOn;
    }

    public Long getId() {
        return id;
    }

    public Customer getCustomer() {
        return customer;
    }

    public String getNumber() {
        return number;
    }

    public Status getStatus() {
        return status;
    }

    public BigDecimal getValue() {
        return value;
    }

    public LocalDate getEndsOn() {
        return endsOn;
    }
}
