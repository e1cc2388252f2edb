package dev.datalifecycle.jpa.discovery;

import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.annotation.Owner;
import dev.datalifecycle.api.annotation.References;
import dev.datalifecycle.api.annotation.SoftDeletable;
import dev.datalifecycle.api.annotation.Tenant;
import dev.datalifecycle.api.annotation.WhenDeleted;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/** A CRM mapped with every kind of reference discovery must read. */
final class Entities {

    private Entities() {
    }

    static final List<Class<?>> ALL = List.of(Account.class, Customer.class, Contact.class, Tag.class, Country.class, Deal.class,
            Contract.class, Invoice.class, Profile.class, Memo.class, Party.class, Person.class, Organization.class, Vehicle.class, Truck.class);

    /** An account hierarchy: children go with their parent. */
    @Entity(name = "Account")
    @SoftDeletable
    static class Account {
        @Id
        Long id;
        @TenantId
        String tenant;
        String name;
        @ManyToOne(fetch = FetchType.LAZY)
        Account parent;
        @OneToMany(mappedBy = "parent", cascade = CascadeType.REMOVE)
        List<Account> children = new ArrayList<>();
        /** Unidirectional, with a join column in the memo's table, no cascade: memos block their account. */
        @OneToMany
        @JoinColumn(name = "owning_account_id")
        List<Memo> memos = new ArrayList<>();

        Account() {
        }

        Account(Long id, String name, Account parent) {
            this.id = id;
            this.name = name;
            this.parent = parent;
        }
    }

    @Embeddable
    static class Address {
        String city;
        @ManyToOne(fetch = FetchType.LAZY)
        Country country;
    }

    @Entity(name = "Customer")
    @SecondaryTable(name = "customer_detail")
    @SoftDeletable
    static class Customer {
        @Id
        Long id;
        @TenantId
        String tenant;
        String name;
        @ManyToOne(fetch = FetchType.LAZY)
        Account account;
        @OneToMany(mappedBy = "customer", cascade = CascadeType.ALL, orphanRemoval = true)
        List<Contact> contacts = new ArrayList<>();
        @ManyToMany
        @JoinTable(name = "customer_tag")
        Set<Tag> tags = new HashSet<>();
        @ElementCollection
        @CollectionTable(name = "customer_phone")
        List<String> phones = new ArrayList<>();
        @Embedded
        Address address = new Address();
        @Owner
        String ownerId;
        @jakarta.persistence.OneToOne(mappedBy = "customer", cascade = CascadeType.REMOVE)
        Profile profile;
        @Column(table = "customer_detail")
        String notes;
        @ManyToOne(fetch = FetchType.LAZY)
        @JoinColumn(table = "customer_detail")
        Country billingCountry;

        Customer() {
        }

        Customer(Long id, String name, Account account) {
            this.id = id;
            this.name = name;
            this.account = account;
        }
    }

    /** No tenant of its own: it belongs to its customer's. */
    @Entity(name = "Contact")
    @SoftDeletable
    static class Contact {
        @Id
        Long id;
        @ManyToOne(optional = false, fetch = FetchType.LAZY)
        Customer customer;
        String fullName;
        @ManyToOne(fetch = FetchType.LAZY)
        @WhenDeleted(DeleteRule.DETACH)
        Account account;

        Contact() {
        }

        Contact(Long id, Customer customer, String fullName) {
            this.id = id;
            this.customer = customer;
            this.fullName = fullName;
        }
    }

    /** Adopts the deleted flag it had before the library came. */
    @Entity(name = "Tag")
    @SoftDeletable(deletedFlagColumn = "retired")
    static class Tag {
        @Id
        UUID id;
        @Tenant
        String tenant;
        @Column(unique = true)
        String label;
        boolean retired;

        Tag() {
        }

        Tag(UUID id, String label) {
            this.id = id;
            this.label = label;
            this.tenant = "t1"; // @Tenant is the host's own column: Hibernate does not fill it
        }

        Tag(UUID id, String label, String tenant) {
            this.id = id;
            this.label = label;
            this.tenant = tenant;
        }
    }

    /** Reference data: not soft-deletable, String ids. */
    @Entity(name = "Country")
    static class Country {
        @Id
        String code;
        String name;

        Country() {
        }

        Country(String code, String name) {
            this.code = code;
            this.name = name;
        }
    }

    /** Closed contracts go with their customer; open ones (and those of unknown status) block. */
    @Entity(name = "Contract")
    @SoftDeletable
    static class Contract {
        enum Status { OPEN, CLOSED }

        @Id
        Long id;
        @TenantId
        String tenant;
        @ManyToOne(optional = false, fetch = FetchType.LAZY)
        @WhenDeleted(cases = @WhenDeleted.Case(attribute = "status", in = "CLOSED", then = DeleteRule.CASCADE))
        Customer customer;
        @Enumerated(EnumType.STRING)
        Status status;

        Contract() {
        }

        Contract(Long id, Customer customer, Status status) {
            this.id = id;
            this.customer = customer;
            this.status = status;
        }
    }

    /** Outside the bin; references customers and accounts by plain ids (an annotation, and a setting). */
    @Entity(name = "Invoice")
    static class Invoice {
        @Id
        Long id;
        @References(Customer.class)
        Long customerId;
        Long accountId;

        Invoice() {
        }

        Invoice(Long id, Long customerId, Long accountId) {
            this.id = id;
            this.customerId = customerId;
            this.accountId = accountId;
        }
    }

    /** The owning side of a one-to-one whose inverse side cascades: the profile goes with its customer. */
    @Entity(name = "Profile")
    @SoftDeletable
    static class Profile {
        @Id
        Long id;
        @jakarta.persistence.OneToOne(fetch = FetchType.LAZY, optional = false)
        Customer customer;
        String bio;
    }

    @Entity(name = "Memo")
    @SoftDeletable
    static class Memo {
        @Id
        Long id;
        @TenantId
        String tenant;
        String text;
    }

    /** SINGLE_TABLE: people and organisations share {@code t_Party}. */
    @Entity(name = "Party")
    @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
    @DiscriminatorColumn(name = "kind")
    @SoftDeletable
    abstract static class Party {
        @Id
        Long id;
        @TenantId
        String tenant;
    }

    @Entity(name = "Person")
    @DiscriminatorValue("P")
    static class Person extends Party {
        @ManyToOne(fetch = FetchType.LAZY)
        Customer employer;

        Person() {
        }

        Person(Long id, Customer employer) {
            this.id = id;
            this.employer = employer;
        }
    }

    @Entity(name = "Organization")
    @DiscriminatorValue("O")
    static class Organization extends Party {
        String legalName;
    }

    /** JOINED: a truck's depot is in {@code t_Truck}, its markers in {@code t_Vehicle}. */
    @Entity(name = "Vehicle")
    @Inheritance(strategy = InheritanceType.JOINED)
    @SoftDeletable
    static class Vehicle {
        @Id
        Long id;
        @TenantId
        String tenant;
        String plate;
    }

    @Entity(name = "Truck")
    static class Truck extends Vehicle {
        @ManyToOne(fetch = FetchType.LAZY)
        Account depot;

        Truck() {
        }

        Truck(Long id, Account depot) {
            this.id = id;
            this.depot = depot;
        }
    }

    /** A quoted table and column; a cascade on the owning side, which discovery must ignore. */
    @Entity(name = "Deal")
    @Table(name = "\"Deal\"")
    @SoftDeletable
    static class Deal {
        @Id
        Integer id;
        @TenantId
        String tenant;
        @ManyToOne(cascade = CascadeType.ALL, fetch = FetchType.LAZY)
        Customer customer;
        @Column(name = "\"Amount\"")
        Long amount;

        Deal() {
        }

        Deal(Integer id, Customer customer, Long amount) {
            this.id = id;
            this.customer = customer;
            this.amount = amount;
        }
    }
}
