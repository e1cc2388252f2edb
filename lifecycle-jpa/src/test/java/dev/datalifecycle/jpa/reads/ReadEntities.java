package dev.datalifecycle.jpa.reads;

import dev.datalifecycle.api.annotation.SoftDeletable;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A small CRM with one entity for each read path the library must keep deleted records out of. */
final class ReadEntities {

    private ReadEntities() {
    }

    /**
     * The rules the write tests run under: contacts and their phones go with their customer, a
     * note's reference to its customer is cleared; everything else keeps its mapping's default.
     */
    static java.util.Map<String, Object> rules() {
        return dev.datalifecycle.jpa.LifecycleJpa.configure()
                .rule("Contact", "customer", dev.datalifecycle.api.DeleteRule.CASCADE)
                .rule("Phone", "contact", dev.datalifecycle.api.DeleteRule.CASCADE)
                .rule("Note", "customer", dev.datalifecycle.api.DeleteRule.DETACH)
                .toProperties();
    }

    static final List<Class<?>> ALL = List.of(Customer.class, Contact.class, Phone.class, Note.class, Party.class, Person.class,
            Vehicle.class, Truck.class, Visit.class);

    /** Empties every table of these entities, children first, so each test starts from no rows. */
    static void deleteAll(dev.datalifecycle.testkit.TestDatabase db) {
        db.execute("delete from r_visit", "delete from r_customer_vehicle", "delete from r_customer_tag", "delete from r_phone",
                "delete from r_note", "delete from r_contact", "delete from r_truck", "delete from r_vehicle", "delete from r_party",
                "delete from r_customer");
    }

    @Entity(name = "Customer")
    @Table(name = "r_customer")
    @SoftDeletable
    static class Customer {
        @Id
        Long id;
        @dev.datalifecycle.api.annotation.BinLabel
        String name;
        /** Held in the second-level cache when a test switches it on. */
        @OneToMany(mappedBy = "customer")
        @org.hibernate.annotations.Cache(usage = org.hibernate.annotations.CacheConcurrencyStrategy.READ_WRITE)
        List<Contact> contacts = new ArrayList<>();
        /** A collection whose element type is a subclass in a SINGLE_TABLE hierarchy. */
        @OneToMany(mappedBy = "employer")
        List<Person> people = new ArrayList<>();
        @ElementCollection
        @CollectionTable(name = "r_customer_tag", joinColumns = @JoinColumn(name = "customer_id"))
        Set<String> tags = new HashSet<>();
        /** A collection whose element type is a subclass in a JOINED hierarchy. */
        @OneToMany(mappedBy = "owner")
        List<Truck> trucks = new ArrayList<>();
        /** Many-to-many through a link table. */
        @jakarta.persistence.ManyToMany
        @jakarta.persistence.JoinTable(name = "r_customer_vehicle", joinColumns = @JoinColumn(name = "customer_id"),
                inverseJoinColumns = @JoinColumn(name = "vehicle_id"))
        Set<Vehicle> fleet = new HashSet<>();

        Customer() {
        }

        Customer(Long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity(name = "Contact")
    @Table(name = "r_contact")
    @SoftDeletable
    static class Contact {
        @Id
        Long id;
        String name;
        @ManyToOne(fetch = FetchType.LAZY)
        Customer customer;
        @OneToMany(mappedBy = "contact", fetch = FetchType.EAGER)
        Set<Phone> phones = new HashSet<>();

        Contact() {
        }

        Contact(Long id, String name, Customer customer) {
            this.id = id;
            this.name = name;
            this.customer = customer;
        }
    }

    @Entity(name = "Phone")
    @Table(name = "r_phone")
    @SoftDeletable
    static class Phone {
        @Id
        Long id;
        String number;
        /** A marker the host maps too, read-only: the library writes it. */
        @jakarta.persistence.Column(name = "deleted_at", insertable = false, updatable = false)
        java.time.Instant deletedAt;
        @ManyToOne(fetch = FetchType.LAZY)
        Contact contact;

        Phone() {
        }

        Phone(Long id, String number, Contact contact) {
            this.id = id;
            this.number = number;
            this.contact = contact;
        }
    }

    /** Not soft-deletable; its reference to a customer is IGNORE, so it may point at a deleted one. */
    @Entity(name = "Note")
    @Table(name = "r_note")
    static class Note {
        @Id
        Long id;
        String text;
        @ManyToOne
        Customer customer;

        Note() {
        }

        Note(Long id, String text, Customer customer) {
            this.id = id;
            this.text = text;
            this.customer = customer;
        }
    }

    /** Holds its customer's id in a plain column, declared with {@code @References}. */
    @Entity(name = "Visit")
    @Table(name = "r_visit")
    static class Visit {
        @Id
        Long id;
        @dev.datalifecycle.api.annotation.References(Customer.class)
        Long customerId;

        Visit() {
        }

        Visit(Long id, Long customerId) {
            this.id = id;
            this.customerId = customerId;
        }
    }

    @Entity(name = "Party")
    @Table(name = "r_party")
    @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
    @SoftDeletable
    static class Party {
        @Id
        Long id;
        String name;

        Party() {
        }

        Party(Long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    @Entity(name = "Person")
    @DiscriminatorValue("P")
    static class Person extends Party {
        @ManyToOne(fetch = FetchType.LAZY)
        Customer employer;

        Person() {
        }

        Person(Long id, String name, Customer employer) {
            super(id, name);
            this.employer = employer;
        }
    }

    @Entity(name = "Vehicle")
    @Table(name = "r_vehicle")
    @Inheritance(strategy = InheritanceType.JOINED)
    @SoftDeletable
    static class Vehicle {
        @Id
        Long id;
        String plate;

        Vehicle() {
        }

        Vehicle(Long id, String plate) {
            this.id = id;
            this.plate = plate;
        }
    }

    @Entity(name = "Truck")
    @Table(name = "r_truck")
    static class Truck extends Vehicle {
        int axles;
        @ManyToOne(fetch = FetchType.LAZY)
        Customer owner;

        Truck() {
        }

        Truck(Long id, String plate, int axles, Customer owner) {
            super(id, plate);
            this.axles = axles;
            this.owner = owner;
        }
    }
}
