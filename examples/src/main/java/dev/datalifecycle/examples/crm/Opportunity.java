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

/** A possible sale to a customer. */
@Entity
@dev.datalifecycle.api.annotation.SoftDeletable
@Table(name = "opportunity")
public class Opportunity {

    /** Where a sale stands. */
    public enum Stage { PROSPECTING, PROPOSAL, WON, LOST }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "opportunity_seq")
    @SequenceGenerator(name = "opportunity_seq", sequenceName = "opportunity_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id", nullable = false)
    private Customer customer;

    @Column(nullable = false, length = 120)
    private String title;

    @Column(precision = 12, scale = 2)
    private BigDecimal amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Stage stage;

    protected Opportunity() {
    }

    public Opportunity(Customer customer, String title, BigDecimal amount, Stage stage) {
        this.customer = customer;
        this.title = title;
        this.amount = amount;
        this.stage = stage;
    }

    public Long getId() {
        return id;
    }

    public Customer getCustomer() {
        return customer;
    }

    public String getTitle() {
        return title;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public Stage getStage() {
        return stage;
    }
}
