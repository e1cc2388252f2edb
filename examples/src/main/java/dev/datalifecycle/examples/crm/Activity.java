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
import java.time.Instant;

/** A call, meeting or task about a customer, optionally with one of its contacts, owned by a user. */
@Entity
@dev.datalifecycle.api.annotation.SoftDeletable
@Table(name = "activity")
public class Activity {

    /** What kind of activity. */
    public enum Kind { CALL, MEETING, TASK, EMAIL }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "activity_seq")
    @SequenceGenerator(name = "activity_seq", sequenceName = "activity_seq", allocationSize = 50)
    private Long id;

    /** Activities go to the bin with their customer. */
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id", nullable = false)
    @dev.datalifecycle.api.annotation.WhenDeleted(dev.datalifecycle.api.DeleteRule.CASCADE)
    private Customer customer;

    /** A deleted contact is unlinked from the activity, and linked again when restored. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "contact_id")
    @dev.datalifecycle.api.annotation.WhenDeleted(dev.datalifecycle.api.DeleteRule.DETACH)
    private Contact contact;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id", nullable = false)
    private User owner;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Kind kind;

    @Column(nullable = false, length = 200)
    private String subject;

    @Column(name = "due_at")
    private Instant dueAt;

    @Column(nullable = false)
    private boolean done;

    protected Activity() {
    }

    public Activity(Customer customer, Contact contact, User owner, Kind kind, String subject, Instant dueAt, boolean done) {
        this.customer = customer;
        this.contact = contact;
        this.owner = owner;
        this.kind = kind;
        this.subject = subject;
        this.dueAt = dueAt;
        this.done = done;
    }

    public Long getId() {
        return id;
    }

    public Customer getCustomer() {
        return customer;
    }

    public Contact getContact() {
        return contact;
    }

    public User getOwner() {
        return owner;
    }

    public Kind getKind() {
        return kind;
    }

    public String getSubject() {
        return subject;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public boolean isDone() {
        return done;
    }
}
